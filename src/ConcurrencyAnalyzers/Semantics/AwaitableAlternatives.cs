using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using ConcurrencyAnalyzers.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>An awaitable counterpart found for a blocking call.</summary>
    internal sealed class AwaitableAlternative
    {
        public AwaitableAlternative(IMethodSymbol method, bool isReducedExtension, bool arrayToMemory)
        {
            Method = method;
            IsReducedExtension = isReducedExtension;
            ArrayToMemory = arrayToMemory;
        }

        /// <summary>The awaitable method (for an extension found in scope: its reduced form).</summary>
        public IMethodSymbol Method { get; }

        /// <summary>An extension method found through the file's usings (`ToList` -> `ToListAsync`).</summary>
        public bool IsReducedExtension { get; }

        /// <summary>The alternative takes a Memory&lt;T&gt; where the call passes array, offset, count.</summary>
        public bool ArrayToMemory { get; }

        /// <summary>"Type.MethodAsync" for messages.</summary>
        public string Display => (Method.ReducedFrom ?? Method).ContainingType.Name + "." + Method.Name;
    }

    /// <summary>
    /// Answers "does this synchronous call have an awaitable alternative that does the same thing?".
    /// Discovery is general, not a hand list: `M(args)` -> `MAsync` on the receiver's static type, its
    /// base types and interfaces, the static class of an extension `M`, or an extension method named
    /// `MAsync` that the file's usings bring into scope for the receiver. The alternative must take the
    /// same parameters (optionally plus a trailing CancellationToken, or one Memory&lt;T&gt; for an
    /// array+offset+count triple) or accept the call's explicit arguments by name and position with its
    /// other parameters optional; it must return an awaitable (anything with GetAwaiter().GetResult())
    /// whose result converts to M's return type; it must not be [Obsolete].
    /// A small curated table covers renamed pairs; a data-driven list names pairs that share a name but
    /// are not equivalent. One instance per compilation; answers are memoized, negatives included,
    /// because every invocation in async code asks.
    /// </summary>
    internal sealed class AwaitableAlternatives
    {
        public const string ExcludedMethodsOption = "excluded_methods";

        /// <summary>
        /// Pairs that share the `M`/`MAsync` shape but where the sync member does not block, or the async
        /// one is not a drop-in replacement. Entries: `Namespace.Type.Method` (type without generic arity;
        /// `*` for every method of the type). Matched against the method's declaring type and its bases.
        /// </summary>
        internal static readonly ImmutableArray<string> NonEquivalentPairs = ImmutableArray.Create(
            // EF Core: Add/AddRange only track entities; AddAsync exists for special value generators.
            "Microsoft.EntityFrameworkCore.DbContext.Add",
            "Microsoft.EntityFrameworkCore.DbContext.AddRange",
            "Microsoft.EntityFrameworkCore.DbSet.Add",
            "Microsoft.EntityFrameworkCore.DbSet.AddRange",
            "Microsoft.EntityFrameworkCore.IDbContextFactory.CreateDbContext",
            // Test frameworks: the async forms take async delegates and mean something else.
            "NUnit.Framework.Assert.That",
            "NUnit.Framework.Assert.Multiple",
            "Moq.Mock.Raise",
            // Column getters read the buffered row; the async forms only pay off with SequentialAccess.
            "System.Data.Common.DbDataReader.GetFieldValue",
            "System.Data.Common.DbDataReader.IsDBNull",
            // The open result set's schema arrived with it; the async forms wrap the same in-memory read.
            "System.Data.Common.DbDataReader.GetColumnSchema",
            "System.Data.Common.DbDataReader.GetSchemaTable",
            // Signalling, not waiting.
            "System.Threading.CancellationTokenSource.Cancel",
            "System.IO.Pipelines.PipeWriter.Complete",
            "System.IO.Pipelines.PipeReader.Complete",
            "System.Threading.CancellationTokenRegistration.Dispose",
            "System.Threading.Timer.Dispose",
            // XmlReader/XmlWriter async members throw unless the instance was created with Async = true.
            "System.Xml.XmlReader.*",
            "System.Xml.XmlWriter.*",
            // Other rules own these: CONC0101 (task waits), CONC0202 (Thread.Sleep), CONC0203 (synchronization).
            "System.Threading.Tasks.Task.*",
            "System.Threading.Tasks.ValueTask.*",
            "System.Threading.Thread.*",
            "System.Threading.SemaphoreSlim.Wait");

        /// <summary>Renamed pairs the naming convention cannot find: declaring type, sync name, awaitable name.</summary>
        internal static readonly ImmutableArray<(string Type, string Sync, string Async)> RenamedPairs = ImmutableArray.Create(
            ("System.Net.WebClient", "DownloadString", "DownloadStringTaskAsync"),
            ("System.Net.WebClient", "DownloadData", "DownloadDataTaskAsync"),
            ("System.Net.WebClient", "DownloadFile", "DownloadFileTaskAsync"),
            ("System.Net.WebClient", "UploadString", "UploadStringTaskAsync"),
            ("System.Net.WebClient", "UploadData", "UploadDataTaskAsync"),
            ("System.Net.WebClient", "UploadFile", "UploadFileTaskAsync"),
            ("System.Net.WebClient", "OpenRead", "OpenReadTaskAsync"),
            ("System.Net.Mail.SmtpClient", "Send", "SendMailAsync"),
            ("System.Net.NetworkInformation.Ping", "Send", "SendPingAsync"));

        private static readonly ImmutableArray<NameEntry> BuiltInExclusions = Parse(NonEquivalentPairs);

        private readonly KnownSymbols _known;
        private readonly ConcurrentDictionary<MethodAndType, ImmutableArray<IMethodSymbol>> _candidates = new ConcurrentDictionary<MethodAndType, ImmutableArray<IMethodSymbol>>(MethodAndType.Comparer);
        private readonly ConcurrentDictionary<ScopedKey, ImmutableArray<IMethodSymbol>> _extensions = new ConcurrentDictionary<ScopedKey, ImmutableArray<IMethodSymbol>>(ScopedKey.Comparer);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _returnsAwaitable = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<SyntaxTree, string> _scopeKeys = new ConcurrentDictionary<SyntaxTree, string>();
        private readonly Lazy<INamedTypeSymbol?> _queryable;
        private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<NameEntry>> _userExclusions = new ConcurrentDictionary<SyntaxTree, ImmutableArray<NameEntry>>();
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _asyncDisposalMatters = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

        // Keyed on original definitions: one entry per declared method and receiver type, not per
        // constructed generic call, so most calls are answered by one lookup with no hashing of type arguments.
        private readonly ConcurrentDictionary<MethodAndType, bool> _worthSearching = new ConcurrentDictionary<MethodAndType, bool>(MethodAndType.DefinitionComparer);

        // Keyed on type definitions by identity, as above.
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _declaresAsyncName = new ConcurrentDictionary<INamedTypeSymbol, bool>(DefinitionIdentity.Instance);

        // Created once: a lambda over an instance method would allocate a delegate on every lookup.
        private readonly Func<MethodAndType, ImmutableArray<IMethodSymbol>> _findCandidates;
        private readonly Func<MethodAndType, bool> _computeWorthSearching;
        private readonly Func<INamedTypeSymbol, bool> _computeDeclaresAsyncName;

        public AwaitableAlternatives(KnownSymbols known)
        {
            _known = known;
            _findCandidates = key => FindCandidates(key.Method, key.Type);
            _computeWorthSearching = key => ComputeWorthSearching(key.Method, key.Type);
            _computeDeclaresAsyncName = ComputeDeclaresAsyncName;
            _queryable = new Lazy<INamedTypeSymbol?>(() => known.Compilation.GetTypeByMetadataName("System.Linq.IQueryable`1"), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>
        /// Extension alternatives declared in another static class (`Enumerable.ToList` ->
        /// `EntityFrameworkQueryableExtensions.ToListAsync`) exist for query providers: the receiver must
        /// be an IQueryable. This keeps the scoped lookup (the costly part) off every other LINQ call.
        /// </summary>
        private bool IsQueryable(INamedTypeSymbol type)
        {
            var queryable = _queryable.Value;
            if (queryable == null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, queryable))
            {
                return true;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, queryable))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// What decides which extension methods a call sees: the file's using directives (all levels,
        /// global usings being common to every file). Files with the same usings share lookups.
        /// </summary>
        private string ScopeKey(SyntaxNode call, CancellationToken cancellationToken)
        {
            var usings = _scopeKeys.GetOrAdd(call.SyntaxTree, t =>
            {
                var builder = new System.Text.StringBuilder();
                foreach (var node in t.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax || n is BaseNamespaceDeclarationSyntax))
                {
                    if (node is UsingDirectiveSyntax usingDirective)
                    {
                        builder.Append(usingDirective.ToString()).Append('\n');
                    }
                }

                return builder.ToString();
            });

            return usings;
        }

        /// <summary>
        /// The cheap first question, asked before anything else about a call: could it have an awaitable
        /// alternative at all? Only names are checked (a member named `MAsync` or a renamed twin somewhere
        /// the full search would look, or a query-provider receiver), which does not depend on type
        /// arguments, so the answer is memoized per declared method and receiver type.
        /// </summary>
        public bool MayHaveAlternative(IInvocationOperation invocation)
        {
            if (!TryGetSearchTarget(invocation, out var method, out _, out var searchType, out _))
            {
                return false;
            }

            // Members of Task and ValueTask are listed as not equivalent (CONC0101 owns those waits), so the
            // memo would say no. ConfigureAwait alone is over a third of the calls in the benchmark's async code.
            // Definitions are one object each, so identity answers; were it ever a second object, the memo below
            // would give the same answer, only slower.
            var declaring = method.ContainingType.OriginalDefinition;
            if (ReferenceEquals(declaring, _known.TaskOfT) || ReferenceEquals(declaring, _known.Task)
                || ReferenceEquals(declaring, _known.ValueTaskOfT) || ReferenceEquals(declaring, _known.ValueTask))
            {
                return false;
            }

            // Every twin name ends in "Async" (renamed pairs too): a type whose bases and interfaces declare no
            // such name has no twin for any call on it. One answer per type instead of one per method and type.
            // Extension calls keep the pair memo (a query-provider receiver needs no name).
            if (!method.IsExtensionMethod
                && !DeclaresAsyncName(method.IsStatic ? declaring : searchType.OriginalDefinition)
                && !(!method.IsStatic && declaring.TypeKind == TypeKind.Interface && DeclaresAsyncName(declaring)))
            {
                return false;
            }

            return _worthSearching.GetOrAdd(new MethodAndType(method.OriginalDefinition, searchType.OriginalDefinition), _computeWorthSearching);
        }

        /// <summary>Does the type, a base or an interface of it declare a member whose name ends in "Async"? Memoized per type.</summary>
        private bool DeclaresAsyncName(INamedTypeSymbol type)
            => _declaresAsyncName.TryGetValue(type, out var known) ? known : _declaresAsyncName.GetOrAdd(type, _computeDeclaresAsyncName);

        private bool ComputeDeclaresAsyncName(INamedTypeSymbol type)
        {
            if (OwnNamesEndInAsync(type) || (type.BaseType is { } baseType && DeclaresAsyncName(baseType.OriginalDefinition)))
            {
                return true;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (OwnNamesEndInAsync(@interface))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool OwnNamesEndInAsync(INamedTypeSymbol type)
        {
            foreach (var name in type.MemberNames)
            {
                if (name.EndsWith("Async", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool TryGetSearchTarget(IInvocationOperation invocation, out IMethodSymbol method, out IOperation? receiver, out INamedTypeSymbol searchType, out bool isExtensionCall)
        {
            method = invocation.TargetMethod;
            receiver = null;
            searchType = null!;
            isExtensionCall = false;
            // The name first (a stored string): about half of the calls in async code are to `...Async` methods.
            if (method == null || method.Name.EndsWith("Async", StringComparison.Ordinal) || method.MethodKind != MethodKind.Ordinary || method.ContainingType == null)
            {
                return false;
            }

            isExtensionCall = method.IsExtensionMethod && method.ReducedFrom == null && invocation.Instance == null && invocation.Arguments.Length > 0;
            receiver = StripConversions(isExtensionCall ? invocation.Arguments[0].Value : invocation.Instance);
            var type = receiver?.Type as INamedTypeSymbol ?? method.ContainingType;
            if (type == null || type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            searchType = type;
            return true;
        }

        private bool ComputeWorthSearching(IMethodSymbol method, INamedTypeSymbol searchType)
        {
            // The exclusion list walks every listed type's bases and interfaces: ask it only about the few
            // methods that have a twin name at all.
            return HasTwinName(method, searchType) && !IsExcludedPair(method);
        }

        private bool HasTwinName(IMethodSymbol method, INamedTypeSymbol searchType)
        {
            if (method.IsExtensionMethod && IsQueryable(searchType))
            {
                return true;
            }

            var asyncName = method.Name + "Async";
            var renamed = RenamedName(method);
            if (method.IsExtensionMethod || method.IsStatic)
            {
                for (var type = method.ContainingType; type != null; type = type.BaseType)
                {
                    if (HasMemberNamed(type, asyncName, renamed))
                    {
                        return true;
                    }
                }

                return false;
            }

            for (var type = searchType; type != null; type = type.BaseType)
            {
                if (HasMemberNamed(type, asyncName, renamed))
                {
                    return true;
                }
            }

            foreach (var @interface in searchType.AllInterfaces)
            {
                if (HasMemberNamed(@interface, asyncName, renamed))
                {
                    return true;
                }
            }

            return method.ContainingType.TypeKind == TypeKind.Interface && HasMemberNamed(method.ContainingType, asyncName, renamed);
        }

        // MemberNames is the type's own cached name set; GetMembers(name) would build a new array per call.
        private static bool HasMemberNamed(INamedTypeSymbol type, string name, string? renamed)
        {
            var names = type.MemberNames;
            return Contains(names, name) || (renamed != null && Contains(names, renamed));
        }

        private static bool Contains(IEnumerable<string> names, string name)
            => names is ICollection<string> set ? set.Contains(name) : System.Linq.Enumerable.Contains(names, name, StringComparer.Ordinal);

        /// <summary>
        /// The awaitable alternative of a call, or false when there is none, the pair is listed as not
        /// equivalent (built in or by `.editorconfig`), or the receiver lives in memory.
        /// </summary>
        public bool TryFind(IInvocationOperation invocation, AnalyzerOptions? options, out AwaitableAlternative? alternative, CancellationToken cancellationToken)
        {
            alternative = null;
            if (!TryGetSearchTarget(invocation, out var method, out var receiver, out var searchType, out var isExtensionCall)
                || !_worthSearching.GetOrAdd(new MethodAndType(method.OriginalDefinition, searchType.OriginalDefinition), _computeWorthSearching))
            {
                return false;
            }

            if (!method.ReturnsVoid && _returnsAwaitable.GetOrAdd(method.ReturnType, IsAwaitableFunc))
            {
                return false;
            }

            var candidates = _candidates.GetOrAdd(new MethodAndType(method, searchType), _findCandidates);

            var found = Pick(candidates, method, invocation, isExtensionCall);
            if (found == null && receiver != null && invocation.SemanticModel is SemanticModel model
                && method.IsExtensionMethod && IsQueryable(searchType) && !IsExcludedPair(method))
            {
                var scoped = _extensions.GetOrAdd(
                    new ScopedKey(ScopeKey(invocation.Syntax, cancellationToken), method, searchType),
                    key => FindScopedExtensions(model, invocation.Syntax.SpanStart, key.Method, key.Type));
                found = Pick(scoped, method, invocation, isExtensionCall);
            }

            if (found == null)
            {
                return false;
            }

            if (method.Name == "Dispose" && method.Parameters.Length == 0
                && !(receiver?.Type is ITypeSymbol disposed && AsyncDisposalMatters(disposed, receiver, cancellationToken)))
            {
                return false;
            }

            if (receiver != null && IsInMemory(receiver, cancellationToken, 0))
            {
                return false;
            }

            // `list.AsQueryable().ToList()`: an in-memory query; provider-specific async operators would throw.
            if (found.IsReducedExtension && ComesFromAsQueryable(receiver))
            {
                return false;
            }

            if (options != null && IsExcludedByUser(method, options, invocation.Syntax.SyntaxTree))
            {
                return false;
            }

            alternative = found;
            return true;
        }

        /// <summary>
        /// Does disposing a resource of this static type asynchronously do more than the synchronous
        /// Dispose? False for types whose DisposeAsync is the base default that calls Dispose (Stream,
        /// TextWriter, DbConnection... not overridden), in-memory resources, read-only FileStreams,
        /// writers over an IBufferWriter, and the non-equivalent list.
        /// </summary>
        public bool AsyncDisposalMatters(ITypeSymbol type, IOperation? value, CancellationToken cancellationToken)
        {
            if (!_asyncDisposalMatters.GetOrAdd(type, ComputeAsyncDisposalMatters))
            {
                return false;
            }

            value = StripConversions(value);
            if (value == null)
            {
                return true;
            }

            if (IsInMemory(value, cancellationToken, 0) || IsReadOnlyFileStream(value))
            {
                return false;
            }

            // `var input = File.OpenRead(p); ... input.Dispose();`: judge the local by what it was initialized with.
            if (value is ILocalReferenceOperation && LocalInitializer(value, cancellationToken) is IOperation initializer)
            {
                value = StripConversions(initializer)!;
                if (IsReadOnlyFileStream(value))
                {
                    return false;
                }
            }

            if (value is IObjectCreationOperation creation)
            {
                foreach (var argument in creation.Arguments)
                {
                    var argumentType = StripConversions(argument.Value)?.Type;
                    if (argumentType is INamedTypeSymbol named && _known.IBufferWriterOfT.Symbol is { } bufferWriter
                        && (KnownSymbols.Is(named.OriginalDefinition, bufferWriter) || ImplementsGeneric(named, bufferWriter)))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private bool ComputeAsyncDisposalMatters(ITypeSymbol type)
        {
            if (_known.IAsyncDisposable == null || type.TypeKind == TypeKind.Error || type.TypeKind == TypeKind.Interface || type.TypeKind == TypeKind.TypeParameter)
            {
                return false;
            }

            IMethodSymbol? disposeAsync = null;
            foreach (var member in _known.IAsyncDisposable.GetMembers("DisposeAsync"))
            {
                disposeAsync = member as IMethodSymbol;
            }

            if (disposeAsync == null || !(type.FindImplementationForInterfaceMember(disposeAsync) is IMethodSymbol implementation))
            {
                return false;
            }

            // The interface slot is the virtual that introduces DisposeAsync; the override that runs is
            // the most derived one between the static type and that virtual.
            var declaring = implementation.ContainingType?.OriginalDefinition;
            for (var current = type as INamedTypeSymbol; current != null && !SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, declaring); current = current.BaseType)
            {
                var overridden = false;
                foreach (var member in current.GetMembers("DisposeAsync"))
                {
                    if (member is IMethodSymbol { IsOverride: true, Parameters.Length: 0 })
                    {
                        overridden = true;
                    }
                }

                if (overridden)
                {
                    declaring = current.OriginalDefinition;
                    break;
                }
            }

            if (declaring == null || _known.DefaultAsyncDisposeTypes.Contains(declaring) || _known.InMemoryIOTypes.Contains(declaring))
            {
                return false;
            }

            for (var current = type as INamedTypeSymbol; current != null; current = current.BaseType)
            {
                if (_known.InMemoryIOTypes.Contains(current.OriginalDefinition))
                {
                    return false;
                }
            }

            // Listed as "Dispose does not block" (CancellationTokenRegistration, Timer...).
            return !IsListed(BuiltInExclusions, type as INamedTypeSymbol, "Dispose");
        }

        /// <summary>
        /// A receiver whose data lives in memory, so that the synchronous call never waits: a
        /// MemoryStream, StringReader/StringWriter, UnmanagedMemoryStream (or derived) by static type, a
        /// local initialized with one, a reader or writer constructed over one, or Console.In/Out/Error
        /// (whose async members run synchronously anyway).
        /// </summary>
        public bool IsInMemory(IOperation? operation, CancellationToken cancellationToken, int depth)
        {
            operation = StripConversions(operation);
            if (operation == null || depth > 3)
            {
                return false;
            }

            for (var type = operation.Type as INamedTypeSymbol; type != null; type = type.BaseType)
            {
                if (_known.InMemoryIOTypes.Contains(type.OriginalDefinition))
                {
                    return true;
                }
            }

            switch (operation)
            {
                case IPropertyReferenceOperation property when KnownSymbols.Is(property.Property.ContainingType, _known.Console):
                    return true;
                case IObjectCreationOperation creation:
                    return creation.Arguments.Length > 0
                        && (IsInMemory(creation.Arguments[0].Value, cancellationToken, depth + 1)
                            || IsInMemoryBufferWriter(StripConversions(creation.Arguments[0].Value)?.Type));
                case ILocalReferenceOperation:
                    return LocalInitializer(operation, cancellationToken) is IOperation value && IsInMemory(value, cancellationToken, depth + 1);
                default:
                    return false;
            }
        }

        private static bool ComesFromAsQueryable(IOperation? operation)
        {
            for (var depth = 0; depth < 16; depth++)
            {
                operation = StripConversions(operation);
                if (operation is not IInvocationOperation invocation)
                {
                    return false;
                }

                if (invocation.TargetMethod.Name == "AsQueryable")
                {
                    return true;
                }

                operation = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            }

            return false;
        }

        /// <summary>A buffer writer that is not a pipe (ArrayBufferWriter&lt;T&gt;...): writes land in memory.</summary>
        private bool IsInMemoryBufferWriter(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named || _known.IBufferWriterOfT.Symbol is not { } bufferWriter)
            {
                return false;
            }

            for (var current = named; current != null; current = current.BaseType)
            {
                if (current.Name == "PipeWriter")
                {
                    return false;
                }
            }

            return KnownSymbols.Is(named.OriginalDefinition, bufferWriter) || ImplementsGeneric(named, bufferWriter);
        }

        /// <summary>The initializer of a local declared with a single declarator (`var x = ...`); null otherwise.</summary>
        private static IOperation? LocalInitializer(IOperation operation, CancellationToken cancellationToken)
        {
            if (operation is ILocalReferenceOperation local && local.Local.DeclaringSyntaxReferences.Length == 1
                && local.Local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer }
                && operation.SemanticModel is SemanticModel model
                && initializer.SyntaxTree == model.SyntaxTree)
            {
                return model.GetOperation(initializer.Value, cancellationToken);
            }

            return null;
        }

        private bool IsReadOnlyFileStream(IOperation value)
        {
            switch (value)
            {
                case IInvocationOperation invocation when KnownSymbols.Is(invocation.TargetMethod.ContainingType, _known.File):
                    // File.Open(path, mode, FileAccess.Read[, share]) opens read-only as well.
                    return invocation.TargetMethod.Name == "OpenRead"
                        || (invocation.TargetMethod.Name == "Open" && OpensForReadOnly(invocation.Arguments));
                case IObjectCreationOperation creation when KnownSymbols.Is(creation.Type, _known.FileStream):
                    return OpensForReadOnly(creation.Arguments);
                default:
                    return false;
            }
        }

        private bool OpensForReadOnly(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                var argumentValue = StripConversions(argument.Value);
                if (argumentValue != null && KnownSymbols.Is(argumentValue.Type, _known.FileAccess)
                    && argumentValue.ConstantValue.HasValue && argumentValue.ConstantValue.Value is int access)
                {
                    return access == 1; // FileAccess.Read
                }
            }

            return false;
        }

        /// <summary>Is the method listed in `concurrency_analyzers.CONC0201.excluded_methods` for this file?</summary>
        public bool IsExcludedByUser(IMethodSymbol method, AnalyzerOptions options, SyntaxTree tree)
        {
            var entries = _userExclusions.GetOrAdd(tree, t => Parse(RuleOptions.GetList(options, t, Rules.RuleIds.BlockingCallInAsyncCode, ExcludedMethodsOption)));
            return !entries.IsEmpty && IsListed(entries, (method.ReducedFrom ?? method).ContainingType, method.Name);
        }

        /// <summary>The result type of awaiting <paramref name="type"/>; false when it is not awaitable. <paramref name="result"/> is null for a void result.</summary>
        public static bool TryGetAwaitResult(ITypeSymbol? type, out ITypeSymbol? result)
        {
            result = null;
            if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error)
            {
                return false;
            }

            for (var current = named; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers("GetAwaiter"))
                {
                    if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, ReturnsVoid: false } getAwaiter)
                    {
                        foreach (var awaiterMember in getAwaiter.ReturnType.GetMembers("GetResult"))
                        {
                            if (awaiterMember is IMethodSymbol { Parameters.Length: 0 } getResult)
                            {
                                result = getResult.ReturnsVoid ? null : getResult.ReturnType;
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsAwaitable(ITypeSymbol type) => TryGetAwaitResult(type, out _);

        private static readonly Func<ITypeSymbol, bool> IsAwaitableFunc = IsAwaitable;

        private ImmutableArray<IMethodSymbol> FindCandidates(IMethodSymbol method, INamedTypeSymbol searchType)
        {
            if (IsExcludedPair(method))
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            var asyncName = method.Name + "Async";
            var renamed = RenamedName(method);
            var isExtension = method.IsExtensionMethod;

            if (isExtension || method.IsStatic)
            {
                // A static or extension M: its own type (and bases) hold MAsync.
                for (var type = method.ContainingType; type != null; type = type.BaseType)
                {
                    AddCandidates(builder, type, asyncName, renamed, method, wantStatic: true);
                }
            }
            else
            {
                for (var type = searchType; type != null; type = type.BaseType)
                {
                    AddCandidates(builder, type, asyncName, renamed, method, wantStatic: false);
                }

                foreach (var @interface in searchType.AllInterfaces)
                {
                    AddCandidates(builder, @interface, asyncName, renamed, method, wantStatic: false);
                }

                if (!SymbolEqualityComparer.Default.Equals(searchType, method.ContainingType) && method.ContainingType.TypeKind == TypeKind.Interface)
                {
                    AddCandidates(builder, method.ContainingType, asyncName, renamed, method, wantStatic: false);
                }
            }

            return builder.ToImmutable();
        }

        private void AddCandidates(ImmutableArray<IMethodSymbol>.Builder builder, INamedTypeSymbol type, string asyncName, string? renamed, IMethodSymbol method, bool wantStatic)
        {
            AddNamed(builder, type, asyncName, method, wantStatic);
            if (renamed != null)
            {
                AddNamed(builder, type, renamed, method, wantStatic);
            }
        }

        private void AddNamed(ImmutableArray<IMethodSymbol>.Builder builder, INamedTypeSymbol type, string name, IMethodSymbol method, bool wantStatic)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is not IMethodSymbol candidate || candidate.IsStatic != wantStatic || candidate.MethodKind != MethodKind.Ordinary)
                {
                    continue;
                }

                // Public, or declared in the code being compiled (not private to another type).
                var accessible = candidate.DeclaredAccessibility == Accessibility.Public
                    || (candidate.DeclaredAccessibility != Accessibility.Private && SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, _known.Compilation.Assembly))
                    || SymbolEqualityComparer.Default.Equals(candidate.ContainingType, method.ContainingType);
                if (accessible && IsUsable(candidate, method) && !Contains(builder, candidate))
                {
                    builder.Add(candidate);
                }
            }
        }

        private static bool Contains(ImmutableArray<IMethodSymbol>.Builder builder, IMethodSymbol method)
        {
            foreach (var existing in builder)
            {
                if (SymbolEqualityComparer.Default.Equals(existing, method))
                {
                    return true;
                }
            }

            return false;
        }

        private ImmutableArray<IMethodSymbol> FindScopedExtensions(SemanticModel model, int position, IMethodSymbol method, INamedTypeSymbol receiverType)
        {
            ImmutableArray<ISymbol> symbols;
            try
            {
                symbols = model.LookupSymbols(position, receiverType, method.Name + "Async", includeReducedExtensionMethods: true);
            }
            catch (ArgumentException)
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var symbol in symbols)
            {
                if (symbol is IMethodSymbol { ReducedFrom: not null } extension && IsUsable(extension, method))
                {
                    builder.Add(extension);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>Not obsolete, returns an awaitable whose result converts to M's return type.</summary>
        private bool IsUsable(IMethodSymbol alternative, IMethodSymbol method)
        {
            if (IsObsolete(alternative) || !TryGetAwaitResult(alternative.ReturnType, out var result))
            {
                return false;
            }

            if (method.ReturnsVoid)
            {
                return true;
            }

            if (result == null)
            {
                return false;
            }

            if (TypesCompatible(result, method.ReturnType))
            {
                return true;
            }

            var conversion = _known.Compilation.ClassifyCommonConversion(result, method.ReturnType);
            return conversion.IsIdentity || (conversion.IsImplicit && conversion.IsReference);
        }

        private bool IsObsolete(ISymbol symbol)
        {
            if (_known.ObsoleteAttribute == null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (KnownSymbols.Is(attribute.AttributeClass, _known.ObsoleteAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private AwaitableAlternative? Pick(ImmutableArray<IMethodSymbol> candidates, IMethodSymbol method, IInvocationOperation invocation, bool isExtensionCall)
        {
            if (candidates.IsDefaultOrEmpty)
            {
                return null;
            }

            foreach (var candidate in candidates)
            {
                var skip = isExtensionCall && candidate.ReducedFrom != null ? 1 : 0;
                if (SignatureMatches(method, skip, candidate, out var arrayToMemory))
                {
                    return new AwaitableAlternative(candidate, candidate.ReducedFrom != null, arrayToMemory);
                }
            }

            foreach (var candidate in candidates)
            {
                var skip = isExtensionCall && candidate.ReducedFrom != null ? 1 : 0;
                if (ArgumentsMatch(invocation, skip, candidate))
                {
                    return new AwaitableAlternative(candidate, candidate.ReducedFrom != null, arrayToMemory: false);
                }
            }

            return null;
        }

        /// <summary>Same parameters in order, optionally one trailing CancellationToken; T[]+int+int may become one Memory&lt;T&gt;.</summary>
        private bool SignatureMatches(IMethodSymbol method, int skip, IMethodSymbol alternative, out bool arrayToMemory)
        {
            arrayToMemory = false;
            var parameters = method.Parameters;
            var altParameters = alternative.Parameters;
            var i = skip;
            var j = 0;
            while (i < parameters.Length)
            {
                if (j >= altParameters.Length)
                {
                    return false;
                }

                var p = parameters[i];
                var a = altParameters[j];
                if (p.RefKind == a.RefKind && TypesCompatible(p.Type, a.Type))
                {
                    i++;
                    j++;
                    continue;
                }

                if (p.RefKind == RefKind.None && p.Type is IArrayTypeSymbol array && i + 2 < parameters.Length
                    && parameters[i + 1].Type.SpecialType == SpecialType.System_Int32 && parameters[i + 2].Type.SpecialType == SpecialType.System_Int32
                    && a.Type is INamedTypeSymbol { TypeArguments.Length: 1 } memory
                    && (KnownSymbols.Is(memory.OriginalDefinition, _known.MemoryOfT) || KnownSymbols.Is(memory.OriginalDefinition, _known.ReadOnlyMemoryOfT))
                    && TypesCompatible(array.ElementType, memory.TypeArguments[0]))
                {
                    arrayToMemory = true;
                    i += 3;
                    j++;
                    continue;
                }

                if (p.RefKind == RefKind.None && a.RefKind == RefKind.None && (ConvertsCleanly(p.Type, a.Type) || SpanToMemory(p.Type, a.Type)))
                {
                    i++;
                    j++;
                    continue;
                }

                return false;
            }

            // Left over on the alternative: nothing, or one CancellationToken.
            return j == altParameters.Length
                || (j == altParameters.Length - 1 && KnownSymbols.Is(altParameters[j].Type, _known.CancellationToken));
        }

        /// <summary>
        /// Span&lt;T&gt; -> Memory&lt;T&gt;, ReadOnlySpan&lt;T&gt; -> ReadOnlyMemory&lt;T&gt;: the span overload is what
        /// `stream.Write(bytes)` binds to, and its awaitable twin takes memory. The fix re-binds the
        /// rewritten call, so a real span argument (which cannot become memory) gets no fix.
        /// </summary>
        private bool SpanToMemory(ITypeSymbol from, ITypeSymbol to)
        {
            if (from is not INamedTypeSymbol { TypeArguments.Length: 1 } span || to is not INamedTypeSymbol { TypeArguments.Length: 1 } memory
                || !SymbolEqualityComparer.Default.Equals(span.TypeArguments[0], memory.TypeArguments[0]))
            {
                return false;
            }

            var spanDefinition = span.OriginalDefinition;
            var memoryDefinition = memory.OriginalDefinition;
            return (KnownSymbols.Is(spanDefinition, _known.SpanOfT) && KnownSymbols.Is(memoryDefinition, _known.MemoryOfT))
                || (KnownSymbols.Is(spanDefinition, _known.ReadOnlySpanOfT) && KnownSymbols.Is(memoryDefinition, _known.ReadOnlyMemoryOfT));
        }

        /// <summary>
        /// An argument of type <paramref name="from"/> also binds to <paramref name="to"/> unchanged:
        /// an implicit reference conversion or a user-defined implicit one (T[] -> Memory&lt;T&gt;,
        /// ArraySegment&lt;T&gt;). Numeric and boxing conversions do not count.
        /// </summary>
        private bool ConvertsCleanly(ITypeSymbol from, ITypeSymbol to)
        {
            if (from.TypeKind == TypeKind.Error || to.TypeKind == TypeKind.Error || to.TypeKind == TypeKind.TypeParameter)
            {
                return false;
            }

            var conversion = _known.Compilation.ClassifyCommonConversion(from, to);
            return conversion.IsImplicit && (conversion.IsUserDefined || (conversion.IsReference && from.IsReferenceType));
        }

        /// <summary>
        /// Every explicit argument maps onto an alternative parameter of the same name and type (at the
        /// same position when passed positionally); every other parameter of the alternative is optional.
        /// Finds Dapper-style pairs whose optional tails differ.
        /// </summary>
        private bool ArgumentsMatch(IInvocationOperation invocation, int skip, IMethodSymbol alternative)
        {
            var altParameters = alternative.Parameters;
            var used = new bool[altParameters.Length];
            foreach (var argument in invocation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter == null)
                {
                    return false;
                }

                var index = parameter.Ordinal - skip;
                if (index < 0 || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                var named = argument.Syntax is ArgumentSyntax { NameColon: not null };
                var match = -1;
                for (var j = 0; j < altParameters.Length; j++)
                {
                    if (altParameters[j].Name == parameter.Name)
                    {
                        match = j;
                        break;
                    }
                }

                if (match < 0 || (!named && match != index) || altParameters[match].RefKind != parameter.RefKind
                    || !TypesCompatible(parameter.Type, altParameters[match].Type))
                {
                    return false;
                }

                used[match] = true;
            }

            for (var j = 0; j < altParameters.Length; j++)
            {
                if (!used[j] && !altParameters[j].IsOptional && !altParameters[j].IsParams && !KnownSymbols.Is(altParameters[j].Type, _known.CancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Same type, ignoring nullability; method type parameters of the alternative match anything
        /// (inference decides; the fix re-binds before it is offered); generic types compare argument-wise.
        /// </summary>
        internal static bool TypesCompatible(ITypeSymbol a, ITypeSymbol b)
        {
            if (SymbolEqualityComparer.Default.Equals(a, b))
            {
                return true;
            }

            if (a is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } ta)
            {
                return b is not ITypeParameterSymbol tb || tb.TypeParameterKind != TypeParameterKind.Method || ta.Ordinal == tb.Ordinal;
            }

            if (b is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method })
            {
                return true;
            }

            if (a is IArrayTypeSymbol arrayA && b is IArrayTypeSymbol arrayB)
            {
                return arrayA.Rank == arrayB.Rank && TypesCompatible(arrayA.ElementType, arrayB.ElementType);
            }

            if (a is INamedTypeSymbol namedA && b is INamedTypeSymbol namedB && namedA.IsGenericType && namedB.IsGenericType
                && SymbolEqualityComparer.Default.Equals(namedA.OriginalDefinition, namedB.OriginalDefinition))
            {
                var argsA = namedA.TypeArguments;
                var argsB = namedB.TypeArguments;
                for (var k = 0; k < argsA.Length; k++)
                {
                    if (!TypesCompatible(argsA[k], argsB[k]))
                    {
                        return false;
                    }
                }

                return true;
            }

            return false;
        }

        private static bool ImplementsGeneric(INamedTypeSymbol type, INamedTypeSymbol genericInterface)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, genericInterface))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsExcludedPair(IMethodSymbol method)
            => IsListed(BuiltInExclusions, (method.ReducedFrom ?? method).ContainingType, method.Name);

        private static string? RenamedName(IMethodSymbol method)
        {
            foreach (var pair in RenamedPairs)
            {
                if (pair.Sync == method.Name)
                {
                    for (var type = method.ContainingType; type != null; type = type.BaseType)
                    {
                        if (FullName(type) == pair.Type)
                        {
                            return pair.Async;
                        }
                    }
                }
            }

            return null;
        }

        // ---- name lists ---------------------------------------------------------------------------

        internal readonly struct NameEntry
        {
            public NameEntry(string ns, string type, string method)
            {
                Namespace = ns;
                Type = type;
                Method = method;
            }

            /// <summary>Empty: any namespace.</summary>
            public string Namespace { get; }

            public string Type { get; }

            /// <summary>"*": every method.</summary>
            public string Method { get; }
        }

        /// <summary>`Namespace.Type.Method`, `Type.Method` or `Namespace.Type.*`; generic arity (`1) and argument lists are ignored.</summary>
        internal static ImmutableArray<NameEntry> Parse(IEnumerable<string> entries)
        {
            var builder = ImmutableArray.CreateBuilder<NameEntry>();
            foreach (var raw in entries)
            {
                var text = raw.Trim();
                var paren = text.IndexOf('(');
                if (paren >= 0)
                {
                    text = text.Substring(0, paren);
                }

                var lastDot = text.LastIndexOf('.');
                if (lastDot <= 0 || lastDot == text.Length - 1)
                {
                    continue;
                }

                var methodName = text.Substring(lastDot + 1);
                var typePart = text.Substring(0, lastDot);
                var tick = typePart.IndexOf('`');
                if (tick >= 0)
                {
                    typePart = typePart.Substring(0, tick);
                }

                var typeDot = typePart.LastIndexOf('.');
                builder.Add(typeDot < 0
                    ? new NameEntry("", typePart, methodName)
                    : new NameEntry(typePart.Substring(0, typeDot), typePart.Substring(typeDot + 1), methodName));
            }

            return builder.ToImmutable();
        }

        private static bool IsListed(ImmutableArray<NameEntry> entries, INamedTypeSymbol? declaringType, string methodName)
        {
            if (declaringType == null)
            {
                return false;
            }

            foreach (var entry in entries)
            {
                if (entry.Method != "*" && entry.Method != methodName)
                {
                    continue;
                }

                for (var type = declaringType; type != null; type = type.BaseType)
                {
                    if (MatchesType(entry, type))
                    {
                        return true;
                    }
                }

                foreach (var @interface in declaringType.AllInterfaces)
                {
                    if (MatchesType(entry, @interface))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool MatchesType(NameEntry entry, INamedTypeSymbol type)
            => type.Name == entry.Type
                && (entry.Namespace.Length == 0 || NamespaceName(type) == entry.Namespace);

        private static string NamespaceName(INamedTypeSymbol type)
        {
            var ns = type.ContainingNamespace;
            return ns == null || ns.IsGlobalNamespace ? "" : ns.ToDisplayString();
        }

        private static string FullName(INamedTypeSymbol type)
        {
            var ns = NamespaceName(type);
            return ns.Length == 0 ? type.Name : ns + "." + type.Name;
        }

        internal static IOperation? StripConversions(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        continue;
                    default:
                        return operation;
                }
            }
        }

        // ---- cache keys -------------------------------------------------------------------------

        private readonly struct MethodAndType
        {
            public static readonly IEqualityComparer<MethodAndType> Comparer = new KeyComparer();

            /// <summary>For keys of original definitions: identity hash (no walk over type arguments).</summary>
            public static readonly IEqualityComparer<MethodAndType> DefinitionComparer = new DefinitionKeyComparer();

            public MethodAndType(IMethodSymbol method, INamedTypeSymbol type)
            {
                Method = method;
                Type = type;
            }

            public IMethodSymbol Method { get; }

            public INamedTypeSymbol Type { get; }

            private sealed class KeyComparer : IEqualityComparer<MethodAndType>
            {
                public bool Equals(MethodAndType x, MethodAndType y)
                    => SymbolEqualityComparer.Default.Equals(x.Method, y.Method) && SymbolEqualityComparer.Default.Equals(x.Type, y.Type);

                public int GetHashCode(MethodAndType obj)
                    => (SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(obj.Type);
            }

            private sealed class DefinitionKeyComparer : IEqualityComparer<MethodAndType>
            {
                public bool Equals(MethodAndType x, MethodAndType y)
                    => (ReferenceEquals(x.Method, y.Method) || SymbolEqualityComparer.Default.Equals(x.Method, y.Method))
                        && (ReferenceEquals(x.Type, y.Type) || SymbolEqualityComparer.Default.Equals(x.Type, y.Type));

                // Original definitions are one object each per compilation, so the identity hash is enough; a
                // second wrapper of the same symbol would only cost one more memo entry, never a wrong answer.
                public int GetHashCode(MethodAndType obj)
                    => (System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Method) * 397) ^ System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Type);
            }
        }

        /// <summary>Original definitions are one object each per compilation: identity hash, symbol equality as a fallback.</summary>
        private sealed class DefinitionIdentity : IEqualityComparer<INamedTypeSymbol>
        {
            public static readonly DefinitionIdentity Instance = new DefinitionIdentity();

            public bool Equals(INamedTypeSymbol? x, INamedTypeSymbol? y) => ReferenceEquals(x, y) || SymbolEqualityComparer.Default.Equals(x, y);

            public int GetHashCode(INamedTypeSymbol obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }

        private readonly struct ScopedKey
        {
            public static readonly IEqualityComparer<ScopedKey> Comparer = new KeyComparer();

            public ScopedKey(string scope, IMethodSymbol method, INamedTypeSymbol type)
            {
                Scope = scope;
                Method = method;
                Type = type;
            }

            public string Scope { get; }

            public IMethodSymbol Method { get; }

            public INamedTypeSymbol Type { get; }

            private sealed class KeyComparer : IEqualityComparer<ScopedKey>
            {
                public bool Equals(ScopedKey x, ScopedKey y)
                    => string.Equals(x.Scope, y.Scope, StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(x.Method, y.Method) && SymbolEqualityComparer.Default.Equals(x.Type, y.Type);

                public int GetHashCode(ScopedKey obj)
                    => (((StringComparer.Ordinal.GetHashCode(obj.Scope) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(obj.Method)) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(obj.Type);
            }
        }
    }
}
