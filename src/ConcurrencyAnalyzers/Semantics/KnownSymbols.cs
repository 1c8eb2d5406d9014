using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>
    /// Well-known types and members, resolved once per compilation at compilation start and compared
    /// with <see cref="SymbolEqualityComparer"/>; never match symbols by name strings on a hot path.
    /// Types from namespaces most code never uses are <see cref="LazyKnownType"/>s: looked up the first time
    /// a candidate has their name (the name only gates the lookup; the match is still by symbol).
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
        public LazyKnownType ExpressionOfT { get; }
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
        public LazyKnownType BlockingCollectionOfT { get; }
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
        public LazyKnownType IBufferWriterOfT { get; }

        /// <summary>Types whose contents live in memory: sync I/O on them never waits (MemoryStream, StringReader/Writer, UnmanagedMemoryStream).</summary>
        public ImmutableSymbolSet InMemoryIOTypes { get; private set; } = ImmutableSymbolSet.Empty;

        /// <summary>Bases whose virtual DisposeAsync only calls Dispose (Stream, TextWriter, DbConnection...): a static type stopping there gains nothing from `await using`.</summary>
        public LazyKnownTypeSet DefaultAsyncDisposeTypes { get; }

        // ---- ThreadPlacement --------------------------------------------------------------------
        public INamedTypeSymbol? ThreadPool { get; }
        public INamedTypeSymbol? ThreadingTimer { get; }
        public INamedTypeSymbol? TaskCreationOptions { get; }
        public INamedTypeSymbol? TaskScheduler { get; }
        public LazyKnownType Parallel { get; }
        public LazyKnownType ParallelEnumerable { get; }
        public LazyKnownType ParallelQuery { get; }
        public INamedTypeSymbol? Math { get; }
        public INamedTypeSymbol? MathF { get; }
        public INamedTypeSymbol? EventArgs { get; }
        public LazyKnownType Rfc2898DeriveBytes { get; }
        public LazyKnownType Regex { get; }
        public LazyKnownType HashAlgorithm { get; }
        public LazyKnownType SymmetricAlgorithm { get; }
        public LazyKnownType AsymmetricAlgorithm { get; }
        public LazyKnownType CryptographicOperations { get; }

        /// <summary>Static one-shot hashers (SHA256.HashData, MD5.HashData, HMACSHA256.HashData...).</summary>
        public LazyKnownTypeSet HashTypes { get; }

        /// <summary>JsonSerializer, XmlSerializer, DataContractSerializer: serialization is CPU work proportional to its input.</summary>
        public LazyKnownTypeSet SerializerTypes { get; }

        /// <summary>GZipStream, BrotliStream, DeflateStream, ZLibStream, BrotliEncoder/Decoder.</summary>
        public LazyKnownTypeSet CompressionTypes { get; }

        // Where code runs (ExecutionContext): ASP.NET Core, SignalR, gRPC, UI frameworks, hosting.
        public INamedTypeSymbol? ControllerBase { get; }
        public INamedTypeSymbol? ApiControllerAttribute { get; }
        public INamedTypeSymbol? NonActionAttribute { get; }
        public INamedTypeSymbol? PageModel { get; }
        public INamedTypeSymbol? Hub { get; }
        public INamedTypeSymbol? HubOfT { get; }
        public INamedTypeSymbol? EndpointRouteBuilder { get; }
        public INamedTypeSymbol? BindServiceMethodAttribute { get; }
        public INamedTypeSymbol? BackgroundService { get; }
        public INamedTypeSymbol? HostedService { get; }

        /// <summary>Base types of UI elements whose event handlers run on the UI thread (WinForms, WPF, MAUI, Avalonia, WinUI).</summary>
        public ImmutableSymbolSet UiBaseTypes { get; }


        // ---- AsyncHygiene -----------------------------------------------------------------------
        public INamedTypeSymbol? TaskCompletionSource { get; }
        public INamedTypeSymbol? TaskCompletionSourceOfT { get; }
        public INamedTypeSymbol? TaskContinuationOptions { get; }
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
            ExpressionOfT = new LazyKnownType(compilation, "System.Linq.Expressions.Expression`1");
            TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
            TaskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");

            TaskOfTResult = SingleProperty(TaskOfT, "Result");
            ValueTaskOfTResult = SingleProperty(ValueTaskOfT, "Result");
            TaskCompletedTask = SingleProperty(Task, "CompletedTask");

            AwaiterTypes = TypesNamed(
                compilation,
                "System.Runtime.CompilerServices.TaskAwaiter",
                "System.Runtime.CompilerServices.TaskAwaiter`1",
                "System.Runtime.CompilerServices.ValueTaskAwaiter",
                "System.Runtime.CompilerServices.ValueTaskAwaiter`1",
                "System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter",
                "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter",
                "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter",
                "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter");

            // AsyncHygiene
            EventArgs = compilation.GetTypeByMetadataName("System.EventArgs");
            TaskCompletionSource = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskCompletionSource");
            TaskCompletionSourceOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskCompletionSource`1");
            TaskCreationOptions = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskCreationOptions");
            TaskContinuationOptions = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskContinuationOptions");
            Parallel = new LazyKnownType(compilation, "System.Threading.Tasks.Parallel");
            ListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
            Array = compilation.GetTypeByMetadataName("System.Array");
            ConfiguredAwaitables = TypesNamed(
                compilation,
                "System.Runtime.CompilerServices.ConfiguredTaskAwaitable",
                "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1",
                "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable",
                "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1");

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

            // ThreadPlacement
            Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
            ThreadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
            ThreadingTimer = compilation.GetTypeByMetadataName("System.Threading.Timer");
            TaskScheduler = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskScheduler");
            ParallelEnumerable = new LazyKnownType(compilation, "System.Linq.ParallelEnumerable");
            ParallelQuery = new LazyKnownType(compilation, "System.Linq.ParallelQuery");
            Math = compilation.GetTypeByMetadataName("System.Math");
            MathF = compilation.GetTypeByMetadataName("System.MathF");
            Rfc2898DeriveBytes = new LazyKnownType(compilation, "System.Security.Cryptography.Rfc2898DeriveBytes");
            Regex = new LazyKnownType(compilation, "System.Text.RegularExpressions.Regex");
            HashAlgorithm = new LazyKnownType(compilation, "System.Security.Cryptography.HashAlgorithm");
            SymmetricAlgorithm = new LazyKnownType(compilation, "System.Security.Cryptography.SymmetricAlgorithm");
            AsymmetricAlgorithm = new LazyKnownType(compilation, "System.Security.Cryptography.AsymmetricAlgorithm");
            CryptographicOperations = new LazyKnownType(compilation, "System.Security.Cryptography.CryptographicOperations");
            HashTypes = new LazyKnownTypeSet(
                compilation,
                "System.Security.Cryptography.SHA1",
                "System.Security.Cryptography.SHA256",
                "System.Security.Cryptography.SHA384",
                "System.Security.Cryptography.SHA512",
                "System.Security.Cryptography.MD5",
                "System.Security.Cryptography.HMACSHA1",
                "System.Security.Cryptography.HMACSHA256",
                "System.Security.Cryptography.HMACSHA384",
                "System.Security.Cryptography.HMACSHA512",
                "System.Security.Cryptography.HMACMD5");
            SerializerTypes = new LazyKnownTypeSet(
                compilation,
                "System.Text.Json.JsonSerializer",
                "System.Xml.Serialization.XmlSerializer",
                "System.Runtime.Serialization.DataContractSerializer",
                "Newtonsoft.Json.JsonConvert");
            CompressionTypes = new LazyKnownTypeSet(
                compilation,
                "System.IO.Compression.GZipStream",
                "System.IO.Compression.BrotliStream",
                "System.IO.Compression.DeflateStream",
                "System.IO.Compression.ZLibStream",
                "System.IO.Compression.BrotliEncoder",
                "System.IO.Compression.BrotliDecoder");
            ControllerBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
            ApiControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
            NonActionAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonActionAttribute");
            PageModel = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            Hub = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.Hub");
            HubOfT = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.Hub`1");
            EndpointRouteBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
            BindServiceMethodAttribute = compilation.GetTypeByMetadataName("Grpc.Core.BindServiceMethodAttribute");
            BackgroundService = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.BackgroundService");
            HostedService = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostedService");
            UiBaseTypes = TypesNamed(
                compilation,
                "System.Windows.Forms.Control",
                "System.Windows.Threading.DispatcherObject",
                "Microsoft.Maui.Controls.BindableObject",
                "Avalonia.AvaloniaObject",
                "Microsoft.UI.Xaml.DependencyObject",
                "Windows.UI.Xaml.DependencyObject");

            // Blocking
            SemaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
            WaitHandle = compilation.GetTypeByMetadataName("System.Threading.WaitHandle");
            Monitor = compilation.GetTypeByMetadataName("System.Threading.Monitor");
            SpinWait = compilation.GetTypeByMetadataName("System.Threading.SpinWait");
            Barrier = compilation.GetTypeByMetadataName("System.Threading.Barrier");
            CountdownEvent = compilation.GetTypeByMetadataName("System.Threading.CountdownEvent");
            BlockingCollectionOfT = new LazyKnownType(compilation, "System.Collections.Concurrent.BlockingCollection`1");
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
            IBufferWriterOfT = new LazyKnownType(compilation, "System.Buffers.IBufferWriter`1");
            InMemoryIOTypes = TypesNamed(
                compilation,
                "System.IO.MemoryStream",
                "System.IO.UnmanagedMemoryStream",
                "System.IO.StringReader",
                "System.IO.StringWriter");
            DefaultAsyncDisposeTypes = new LazyKnownTypeSet(
                compilation,
                "System.IO.Stream",
                "System.IO.TextWriter",
                "System.Data.Common.DbConnection",
                "System.Data.Common.DbCommand",
                "System.Data.Common.DbDataReader",
                "System.Data.Common.DbTransaction",
                "System.Data.Common.DbBatch");
        }

        /// <summary>
        /// One instance per compilation, shared by every analyzer of the package: resolving the
        /// well-known types walks all references (names that are absent cost the most), so doing it
        /// once instead of once per analyzer saves most of the start-up cost of each compilation.
        /// </summary>
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, KnownSymbols> Shared =
            new System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, KnownSymbols>();

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, KnownSymbols>.CreateValueCallback Factory =
            compilation => new KnownSymbols(compilation);

        public static KnownSymbols Create(Compilation compilation) => Shared.GetValue(compilation, Factory);

        /// <summary>True for Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; and types derived from Task.</summary>
        public bool IsTaskLike(ITypeSymbol? type)
        {
            // Special types (void, int, string, object...) are never tasks: the common answer, without a walk.
            if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None)
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

        /// <summary>The set of those named types the compilation references (absent names are left out).</summary>
        private static ImmutableSymbolSet TypesNamed(Compilation compilation, params string[] metadataNames)
        {
            var types = new INamedTypeSymbol?[metadataNames.Length];
            for (var i = 0; i < metadataNames.Length; i++)
            {
                types[i] = compilation.GetTypeByMetadataName(metadataNames[i]);
            }

            return ImmutableSymbolSet.Of(types);
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
