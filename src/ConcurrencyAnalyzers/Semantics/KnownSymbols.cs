using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>
    /// Well-known types and members, resolved once per compilation at compilation start and compared
    /// with <see cref="SymbolEqualityComparer"/>; never match symbols by name strings on a hot path.
    /// A type that the compilation does not reference stays null and the rules that need it stay quiet.
    /// Keep one region per rule family.
    /// </summary>
    internal sealed class KnownSymbols
    {
        public Compilation Compilation { get; }

        // ---- Tasks and awaiters (shared by every family) ---------------------------------------
        public INamedTypeSymbol? Task { get; }
        public INamedTypeSymbol? TaskOfT { get; }
        public INamedTypeSymbol? ValueTask { get; }
        public INamedTypeSymbol? ValueTaskOfT { get; }
        public INamedTypeSymbol? TaskStatus { get; }
        public INamedTypeSymbol? CancellationToken { get; }
        public INamedTypeSymbol? ExpressionOfT { get; }
        public INamedTypeSymbol? TaskFactory { get; }
        public INamedTypeSymbol? TaskFactoryOfT { get; }

        public IPropertySymbol? TaskOfTResult { get; }
        public IPropertySymbol? ValueTaskOfTResult { get; }
        public IPropertySymbol? TaskCompletedTask { get; }

        /// <summary>TaskAwaiter, TaskAwaiter&lt;T&gt;, ValueTaskAwaiter(&lt;T&gt;) and the configured awaiters.</summary>
        public ImmutableSymbolSet AwaiterTypes { get; }

        // ---- SyncOverAsync ----------------------------------------------------------------------

        // ---- Blocking ---------------------------------------------------------------------------

        // ---- ThreadPlacement --------------------------------------------------------------------

        // ---- AsyncHygiene -----------------------------------------------------------------------
        public INamedTypeSymbol? EventArgs { get; }
        public INamedTypeSymbol? TaskCompletionSource { get; }
        public INamedTypeSymbol? TaskCompletionSourceOfT { get; }
        public INamedTypeSymbol? TaskCreationOptions { get; }
        public INamedTypeSymbol? TaskContinuationOptions { get; }
        public INamedTypeSymbol? Parallel { get; }
        public INamedTypeSymbol? ListOfT { get; }
        public INamedTypeSymbol? Array { get; }

        /// <summary>ConfiguredTaskAwaitable(&lt;T&gt;) and ConfiguredValueTaskAwaitable(&lt;T&gt;): what `task.ConfigureAwait(false)` returns.</summary>
        public ImmutableSymbolSet ConfiguredAwaitables { get; } = ImmutableSymbolSet.Empty;

        // ---- SharedState ------------------------------------------------------------------------
        public INamedTypeSymbol? ThreadStaticAttribute { get; }
        public INamedTypeSymbol? ThreadLocalOfT { get; }
        public INamedTypeSymbol? AsyncLocalOfT { get; }
        public INamedTypeSymbol? DictionaryOfTKeyTValue { get; }
        public INamedTypeSymbol? HashSetOfT { get; }
        public INamedTypeSymbol? QueueOfT { get; }
        public INamedTypeSymbol? StackOfT { get; }
        public INamedTypeSymbol? SortedDictionaryOfTKeyTValue { get; }
        public INamedTypeSymbol? SortedListOfTKeyTValue { get; }
        public INamedTypeSymbol? SortedSetOfT { get; }
        public INamedTypeSymbol? LinkedListOfT { get; }

        private KnownSymbols(Compilation compilation)
        {
            Compilation = compilation;

            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            TaskStatus = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskStatus");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            ExpressionOfT = compilation.GetTypeByMetadataName("System.Linq.Expressions.Expression`1");
            TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
            TaskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");

            TaskOfTResult = SingleProperty(TaskOfT, "Result");
            ValueTaskOfTResult = SingleProperty(ValueTaskOfT, "Result");
            TaskCompletedTask = SingleProperty(Task, "CompletedTask");

            AwaiterTypes = ImmutableSymbolSet.Of(
                compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.TaskAwaiter"),
                compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.TaskAwaiter`1"),
                compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ValueTaskAwaiter"),
                compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ValueTaskAwaiter`1"),
                compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter"),
                compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter"),
                compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter"),
                compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter"));

            // AsyncHygiene
            EventArgs = compilation.GetTypeByMetadataName("System.EventArgs");
            TaskCompletionSource = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskCompletionSource");
            TaskCompletionSourceOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskCompletionSource`1");
            TaskCreationOptions = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskCreationOptions");
            TaskContinuationOptions = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskContinuationOptions");
            Parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
            ListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
            Array = compilation.GetTypeByMetadataName("System.Array");
            ConfiguredAwaitables = ImmutableSymbolSet.Of(
                compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable"),
                compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1"),
                compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable"),
                compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1"));

            // SharedState
            ThreadStaticAttribute = compilation.GetTypeByMetadataName("System.ThreadStaticAttribute");
            ThreadLocalOfT = compilation.GetTypeByMetadataName("System.Threading.ThreadLocal`1");
            AsyncLocalOfT = compilation.GetTypeByMetadataName("System.Threading.AsyncLocal`1");
            DictionaryOfTKeyTValue = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
            HashSetOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.HashSet`1");
            QueueOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.Queue`1");
            StackOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.Stack`1");
            SortedDictionaryOfTKeyTValue = compilation.GetTypeByMetadataName("System.Collections.Generic.SortedDictionary`2");
            SortedListOfTKeyTValue = compilation.GetTypeByMetadataName("System.Collections.Generic.SortedList`2");
            SortedSetOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.SortedSet`1");
            LinkedListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.LinkedList`1");
        }

        public static KnownSymbols Create(Compilation compilation) => new KnownSymbols(compilation);

        /// <summary>True for Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; and types derived from Task.</summary>
        public bool IsTaskLike(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named)
            {
                return false;
            }

            var original = named.OriginalDefinition;
            if (Is(original, ValueTask) || Is(original, ValueTaskOfT))
            {
                return true;
            }

            for (var current = named; current != null; current = current.BaseType)
            {
                var def = current.OriginalDefinition;
                if (Is(def, Task) || Is(def, TaskOfT))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool Is(ISymbol? symbol, ISymbol? known)
            => known != null && SymbolEqualityComparer.Default.Equals(symbol, known);

        internal static IPropertySymbol? SingleProperty(INamedTypeSymbol? type, string name)
        {
            if (type == null)
            {
                return null;
            }

            foreach (var member in type.GetMembers(name))
            {
                if (member is IPropertySymbol property)
                {
                    return property;
                }
            }

            return null;
        }
    }
}
