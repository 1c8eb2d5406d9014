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
        public INamedTypeSymbol? Thread { get; private set; }
        public INamedTypeSymbol? SemaphoreSlim { get; private set; }
        public INamedTypeSymbol? WaitHandle { get; private set; }
        public INamedTypeSymbol? Monitor { get; private set; }
        public INamedTypeSymbol? SpinWait { get; private set; }
        public INamedTypeSymbol? Barrier { get; private set; }
        public INamedTypeSymbol? CountdownEvent { get; private set; }
        public INamedTypeSymbol? BlockingCollectionOfT { get; private set; }
        public INamedTypeSymbol? ManualResetEventSlim { get; private set; }
        public INamedTypeSymbol? ReaderWriterLockSlim { get; private set; }
        public INamedTypeSymbol? IAsyncDisposable { get; private set; }
        public INamedTypeSymbol? ObsoleteAttribute { get; private set; }
        public INamedTypeSymbol? MemoryOfT { get; private set; }
        public INamedTypeSymbol? ReadOnlyMemoryOfT { get; private set; }
        public INamedTypeSymbol? SpanOfT { get; private set; }
        public INamedTypeSymbol? ReadOnlySpanOfT { get; private set; }
        public INamedTypeSymbol? Console { get; private set; }
        public INamedTypeSymbol? File { get; private set; }
        public INamedTypeSymbol? FileStream { get; private set; }
        public INamedTypeSymbol? FileAccess { get; private set; }
        public INamedTypeSymbol? IBufferWriterOfT { get; private set; }

        /// <summary>Types whose contents live in memory: sync I/O on them never waits (MemoryStream, StringReader/Writer, UnmanagedMemoryStream).</summary>
        public ImmutableSymbolSet InMemoryIOTypes { get; private set; } = ImmutableSymbolSet.Empty;

        /// <summary>Bases whose virtual DisposeAsync only calls Dispose (Stream, TextWriter, DbConnection...): a static type stopping there gains nothing from `await using`.</summary>
        public ImmutableSymbolSet DefaultAsyncDisposeTypes { get; private set; } = ImmutableSymbolSet.Empty;

        // ---- ThreadPlacement --------------------------------------------------------------------

        // ---- AsyncHygiene -----------------------------------------------------------------------

        // ---- SharedState ------------------------------------------------------------------------

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
            // Blocking
            Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
            SemaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
            WaitHandle = compilation.GetTypeByMetadataName("System.Threading.WaitHandle");
            Monitor = compilation.GetTypeByMetadataName("System.Threading.Monitor");
            SpinWait = compilation.GetTypeByMetadataName("System.Threading.SpinWait");
            Barrier = compilation.GetTypeByMetadataName("System.Threading.Barrier");
            CountdownEvent = compilation.GetTypeByMetadataName("System.Threading.CountdownEvent");
            BlockingCollectionOfT = compilation.GetTypeByMetadataName("System.Collections.Concurrent.BlockingCollection`1");
            ManualResetEventSlim = compilation.GetTypeByMetadataName("System.Threading.ManualResetEventSlim");
            ReaderWriterLockSlim = compilation.GetTypeByMetadataName("System.Threading.ReaderWriterLockSlim");
            IAsyncDisposable = compilation.GetTypeByMetadataName("System.IAsyncDisposable");
            ObsoleteAttribute = compilation.GetTypeByMetadataName("System.ObsoleteAttribute");
            MemoryOfT = compilation.GetTypeByMetadataName("System.Memory`1");
            ReadOnlyMemoryOfT = compilation.GetTypeByMetadataName("System.ReadOnlyMemory`1");
            SpanOfT = compilation.GetTypeByMetadataName("System.Span`1");
            ReadOnlySpanOfT = compilation.GetTypeByMetadataName("System.ReadOnlySpan`1");
            Console = compilation.GetTypeByMetadataName("System.Console");
            File = compilation.GetTypeByMetadataName("System.IO.File");
            FileStream = compilation.GetTypeByMetadataName("System.IO.FileStream");
            FileAccess = compilation.GetTypeByMetadataName("System.IO.FileAccess");
            IBufferWriterOfT = compilation.GetTypeByMetadataName("System.Buffers.IBufferWriter`1");
            InMemoryIOTypes = ImmutableSymbolSet.Of(
                compilation.GetTypeByMetadataName("System.IO.MemoryStream"),
                compilation.GetTypeByMetadataName("System.IO.UnmanagedMemoryStream"),
                compilation.GetTypeByMetadataName("System.IO.StringReader"),
                compilation.GetTypeByMetadataName("System.IO.StringWriter"));
            DefaultAsyncDisposeTypes = ImmutableSymbolSet.Of(
                compilation.GetTypeByMetadataName("System.IO.Stream"),
                compilation.GetTypeByMetadataName("System.IO.TextWriter"),
                compilation.GetTypeByMetadataName("System.Data.Common.DbConnection"),
                compilation.GetTypeByMetadataName("System.Data.Common.DbCommand"),
                compilation.GetTypeByMetadataName("System.Data.Common.DbDataReader"),
                compilation.GetTypeByMetadataName("System.Data.Common.DbTransaction"),
                compilation.GetTypeByMetadataName("System.Data.Common.DbBatch"));
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
