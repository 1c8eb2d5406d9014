using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ConcurrencyAnalyzers.CodeFixes.Shared
{
    /// <summary>What a method of the chain is, which decides how it changes and whether the chain goes on through it.</summary>
    internal enum ChainMemberKind
    {
        /// <summary>void -> Task, T -> Task&lt;T&gt;; its callers are updated in turn.</summary>
        Ordinary,

        /// <summary>`(object sender, EventArgs e)` handler: becomes `async void`; nothing calls it directly.</summary>
        EventHandler,

        /// <summary>`static void/int Main`: becomes `async Task` / `async Task&lt;int&gt;`.</summary>
        EntryPoint,

        /// <summary>xunit / NUnit / MSTest test method: `async Task`, never renamed.</summary>
        TestMethod,

        /// <summary>ASP.NET Core controller action: `Task&lt;IActionResult&gt;` etc., never renamed.</summary>
        ControllerAction,
    }

    /// <summary>One method that becomes async.</summary>
    internal sealed class ChainMember
    {
        public ChainMember(IMethodSymbol symbol, DocumentId document, TextSpan declaration, ChainMemberKind kind)
        {
            Symbol = symbol;
            Document = document;
            Declaration = declaration;
            Kind = kind;
        }

        public IMethodSymbol Symbol { get; }

        public DocumentId Document { get; }

        public TextSpan Declaration { get; }

        public ChainMemberKind Kind { get; }

        /// <summary>Every name token that refers to the method (calls, crefs, nameof), for a rename.</summary>
        public List<(DocumentId Document, TextSpan Span)> NameReferences { get; } = new List<(DocumentId, TextSpan)>();

        /// <summary>`nameof(M)` somewhere: renaming would change a string the program may use.</summary>
        public bool HasNameOf { get; set; }

        public string? NewName { get; set; }

        /// <summary>Part of an override / interface family: changes with its relatives and is never renamed.</summary>
        public bool InFamily { get; set; }

        /// <summary>Abstract or interface member without a body: only its return type changes.</summary>
        public bool Bodiless { get; set; }

        /// <summary>
        /// Its own body gets an await. A relative in a family that does not (a synchronous implementation)
        /// returns `Task.FromResult` / `Task.CompletedTask` instead of becoming `async` without an await (CS1998).
        /// </summary>
        public bool HasAwait { get; set; }
    }

    /// <summary>
    /// The closed set of edits that makes a synchronous method async together with every caller in the
    /// solution, up to the boundaries where a chain stops (already-async functions, top-level statements,
    /// Main, event handlers, test methods, controller actions). Planning refuses (returns null) as soon as
    /// any member of the chain cannot become async or any reference cannot be awaited: the fix never
    /// leaves a caller blocking on the new task.
    /// </summary>
    internal sealed class AsyncChain
    {
        public const int DefaultMaxChain = 25;

        private AsyncChain(string seedName)
        {
            SeedName = seedName;
        }

        public string SeedName { get; }

        public Dictionary<IMethodSymbol, ChainMember> Members { get; } = new Dictionary<IMethodSymbol, ChainMember>(SymbolEqualityComparer.Default);

        /// <summary>Invocations of chain members that get an `await`.</summary>
        public HashSet<(DocumentId Document, TextSpan Span)> AwaitedCalls { get; } = new HashSet<(DocumentId, TextSpan)>();

        /// <summary>Blocking waits in the chain members' own bodies that become awaits.</summary>
        public Dictionary<(DocumentId Document, TextSpan Span), WaitRewriteKind> Waits { get; } = new Dictionary<(DocumentId, TextSpan), WaitRewriteKind>();

        public string? SeedNewName { get; private set; }

        /// <summary>Minimal-API handler lambdas that become async (a boundary: the framework awaits them).</summary>
        public HashSet<(DocumentId Document, TextSpan Span)> AsyncLambdas { get; } = new HashSet<(DocumentId, TextSpan)>();

        /// <summary>
        /// Plans the chain that starts at the wait reported at <paramref name="waitSpan"/>; null when no safe
        /// fix exists or the chain has more than <paramref name="maxChain"/> members.
        /// </summary>
        public static async Task<AsyncChain?> TryPlanAsync(Document document, TextSpan waitSpan, int maxChain, AsyncSuffixConvention convention, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null
                || root.FindNode(waitSpan, getInnermostNodeForTie: true) is not ExpressionSyntax waitNode
                || !WaitToAwait.TryGetRewrite(waitNode, model, cancellationToken, out _))
            {
                return null;
            }

            var site = AwaitSyntax.ClassifyAwaitSite(waitNode, out var method, out var lambda);
            if (site == AwaitSite.SynchronousLambda && ChainRules.IsRouteHandler(lambda!, model, cancellationToken))
            {
                // A wait directly in a minimal-API handler: the handler itself becomes async; nothing calls it.
                var handler = new AsyncChain("route handler");
                handler.AsyncLambdas.Add((document.Id, lambda!.Span));
                new Planner(handler, document.Project.Solution, maxChain, cancellationToken).CollectOwnWaits(document.Id, lambda, lambda.Body, model);
                return handler;
            }

            if (site != AwaitSite.SynchronousMethod || model.GetDeclaredSymbol(method!, cancellationToken) is not IMethodSymbol seed)
            {
                return null;
            }

            var chain = new AsyncChain(seed.Name);
            var planner = new Planner(chain, document.Project.Solution, maxChain, cancellationToken);
            if (!await planner.RunAsync(seed).ConfigureAwait(false))
            {
                return null;
            }

            await convention.DecideNamesAsync(chain, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            chain.SeedNewName = chain.Members.TryGetValue(seed, out var seedMember) ? seedMember.NewName : null;
            return chain;
        }

        /// <summary>The union of several chains (FixAll): each is closed, so their union is closed too.</summary>
        public static AsyncChain Union(IReadOnlyList<AsyncChain> chains)
        {
            var union = new AsyncChain(chains.Count > 0 ? chains[0].SeedName : "");
            foreach (var chain in chains)
            {
                foreach (var member in chain.Members)
                {
                    if (union.Members.TryGetValue(member.Key, out var existing))
                    {
                        // A relative with nothing to await in one chain may call a member of another.
                        existing.HasAwait |= member.Value.HasAwait;
                    }
                    else
                    {
                        union.Members[member.Key] = member.Value;
                    }
                }

                union.AwaitedCalls.UnionWith(chain.AwaitedCalls);
                union.AsyncLambdas.UnionWith(chain.AsyncLambdas);
                foreach (var wait in chain.Waits)
                {
                    union.Waits[wait.Key] = wait.Value;
                }
            }

            return union;
        }

        /// <summary>"Make 'LoadConfig' async and update 7 callers in 3 files".</summary>
        public string Title()
        {
            var files = new HashSet<DocumentId>();
            foreach (var member in Members.Values)
            {
                files.Add(member.Document);
            }

            foreach (var call in AwaitedCalls)
            {
                files.Add(call.Document);
            }

            if (Members.Count == 0)
            {
                return "Make the " + SeedName + " async";
            }

            var name = SeedNewName == null ? "'" + SeedName + "'" : "'" + SeedName + "' async as '" + SeedNewName + "'";
            var title = SeedNewName == null ? "Make " + name + " async" : "Make " + name;
            if (AwaitedCalls.Count == 0)
            {
                return title;
            }

            return title + " and update " + Plural(AwaitedCalls.Count, "caller") + " in " + Plural(files.Count, "file");
        }

        private static string Plural(int count, string noun) => count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

        private sealed class Planner
        {
            private readonly AsyncChain _chain;
            private readonly Solution _solution;
            private readonly int _maxChain;
            private readonly CancellationToken _cancellationToken;
            private readonly Queue<IMethodSymbol> _queue = new Queue<IMethodSymbol>();
            private readonly HashSet<IMethodSymbol> _awaiting = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);

            public Planner(AsyncChain chain, Solution solution, int maxChain, CancellationToken cancellationToken)
            {
                _chain = chain;
                _solution = solution;
                _maxChain = maxChain;
                _cancellationToken = cancellationToken;
            }

            public async Task<bool> RunAsync(IMethodSymbol seed)
            {
                _queue.Enqueue(seed);
                while (_queue.Count > 0)
                {
                    var method = _queue.Dequeue();
                    if (_chain.Members.ContainsKey(method))
                    {
                        continue;
                    }

                    if (_chain.Members.Count >= _maxChain || !await AddAsync(method).ConfigureAwait(false))
                    {
                        return false;
                    }
                }

                foreach (var member in _chain.Members.Values)
                {
                    member.HasAwait = _awaiting.Contains(member.Symbol);
                }

                return true;
            }

            private async Task<bool> AddAsync(IMethodSymbol method)
            {
                if (!ChainRules.NeedsFamily(method))
                {
                    var single = await RegisterAsync(method, inFamily: false).ConfigureAwait(false);
                    return single != null
                        && _chain.Members.Count <= _maxChain
                        && await CollectCallersAsync(single).ConfigureAwait(false);
                }

                // Interface members, implementations, virtual/abstract members and overrides change together.
                var family = await FamilyAsync(method).ConfigureAwait(false);
                if (family == null)
                {
                    return false;
                }

                var members = new List<ChainMember>();
                foreach (var relative in family)
                {
                    if (_chain.Members.ContainsKey(relative))
                    {
                        continue;
                    }

                    var member = await RegisterAsync(relative, inFamily: true).ConfigureAwait(false);
                    if (member == null)
                    {
                        return false;
                    }

                    members.Add(member);
                }

                if (_chain.Members.Count > _maxChain)
                {
                    return false;
                }

                foreach (var member in members)
                {
                    if (!await CollectCallersAsync(member).ConfigureAwait(false))
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>
            /// The closure of a member under "overrides / is overridden by / implements / is implemented by".
            /// Null when it is larger than max_chain or any relative is not source in this solution
            /// (an interface or base class from a package cannot change).
            /// </summary>
            private async Task<List<IMethodSymbol>?> FamilyAsync(IMethodSymbol method)
            {
                var family = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
                var ordered = new List<IMethodSymbol>();
                var work = new Stack<IMethodSymbol>();
                work.Push(method.OriginalDefinition);
                while (work.Count > 0)
                {
                    var relative = work.Pop();
                    if (!family.Add(relative))
                    {
                        continue;
                    }

                    ordered.Add(relative);
                    if (family.Count > _maxChain || !relative.Locations.Any(l => l.IsInSource) || relative.ContainingType == null)
                    {
                        return null;
                    }

                    if (relative.OverriddenMethod is { } overridden)
                    {
                        work.Push(overridden.OriginalDefinition);
                    }

                    foreach (var implemented in relative.ExplicitInterfaceImplementations)
                    {
                        work.Push(implemented.OriginalDefinition);
                    }

                    foreach (var implemented in ChainRules.ImplicitlyImplemented(relative))
                    {
                        work.Push(implemented.OriginalDefinition);
                    }

                    if (relative.IsVirtual || relative.IsAbstract || relative.IsOverride)
                    {
                        foreach (var overriding in await SymbolFinder.FindOverridesAsync(relative, _solution, null, _cancellationToken).ConfigureAwait(false))
                        {
                            if (overriding is IMethodSymbol overridingMethod)
                            {
                                work.Push(overridingMethod.OriginalDefinition);
                            }
                        }
                    }

                    if (relative.ContainingType.TypeKind == TypeKind.Interface)
                    {
                        foreach (var implementation in await SymbolFinder.FindImplementationsAsync(relative, _solution, null, _cancellationToken).ConfigureAwait(false))
                        {
                            if (implementation is IMethodSymbol implementationMethod)
                            {
                                work.Push(implementationMethod.OriginalDefinition);
                            }
                        }
                    }
                }

                return ordered;
            }

            private async Task<ChainMember?> RegisterAsync(IMethodSymbol method, bool inFamily)
            {
                if (method.DeclaringSyntaxReferences.Length != 1
                    || await method.DeclaringSyntaxReferences[0].GetSyntaxAsync(_cancellationToken).ConfigureAwait(false) is not MethodDeclarationSyntax declaration)
                {
                    return null;
                }

                var bodiless = declaration.Body == null && declaration.ExpressionBody == null;
                if (bodiless && !(inFamily && (method.IsAbstract || method.ContainingType.TypeKind == TypeKind.Interface)))
                {
                    return null;
                }

                var document = _solution.GetDocument(declaration.SyntaxTree);
                var model = document == null ? null : await document.GetSemanticModelAsync(_cancellationToken).ConfigureAwait(false);
                if (document == null || model == null)
                {
                    return null;
                }

                var kind = ChainRules.Classify(method);
                if (!ChainRules.CanBecomeAsync(method, declaration, model, inFamily, _cancellationToken))
                {
                    return null;
                }

                var member = new ChainMember(method, document.Id, declaration.Span, kind) { InFamily = inFamily, Bodiless = bodiless };
                _chain.Members.Add(method, member);
                if (!bodiless && CollectOwnWaits(document.Id, declaration, (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody!, model))
                {
                    _awaiting.Add(method);
                }

                return member;
            }

            /// <summary>Every wait directly in the method's body (not in nested lambdas or local functions) that has an await form.</summary>
            public bool CollectOwnWaits(DocumentId document, SyntaxNode owner, SyntaxNode body, SemanticModel model)
            {
                var known = ConcurrencyAnalyzers.Semantics.KnownSymbols.Create(model.Compilation);
                if (known.Task == null)
                {
                    return false;
                }

                var found = false;
                foreach (var node in body.DescendantNodesAndSelf(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                {
                    if (node is not (MemberAccessExpressionSyntax or InvocationExpressionSyntax))
                    {
                        continue;
                    }

                    var operation = model.GetOperation(node, _cancellationToken);
                    var isWait = operation switch
                    {
                        IPropertyReferenceOperation property => ConcurrencyAnalyzers.Semantics.TaskWaits.TryGetWait(property, known, out _),
                        IInvocationOperation invocation => ConcurrencyAnalyzers.Semantics.TaskWaits.TryGetWait(invocation, known, out _),
                        _ => false,
                    };

                    if (isWait
                        && AwaitSyntax.ClassifyAwaitSite(node, out var ownerMethod, out var ownerLambda) is AwaitSite.SynchronousMethod or AwaitSite.SynchronousLambda
                        && (ownerMethod == owner || ownerLambda == owner)
                        && WaitToAwait.TryGetRewrite((ExpressionSyntax)node, model, _cancellationToken, out var rewrite))
                    {
                        _chain.Waits[(document, node.Span)] = rewrite;
                        found = true;
                    }
                }

                return found;
            }

            private async Task<bool> CollectCallersAsync(ChainMember member)
            {
                var references = await SymbolFinder.FindReferencesAsync(member.Symbol, _solution, _cancellationToken).ConfigureAwait(false);
                foreach (var referenced in references)
                {
                    if (!SymbolEqualityComparer.Default.Equals(referenced.Definition.OriginalDefinition, member.Symbol.OriginalDefinition))
                    {
                        // A relative found by cascading: its own search covers it when it is in the chain.
                        if (referenced.Definition is IMethodSymbol relative && _chain.Members.ContainsKey(relative.OriginalDefinition))
                        {
                            continue;
                        }

                        foreach (var _ in referenced.Locations)
                        {
                            return false;
                        }

                        continue;
                    }

                    foreach (var location in referenced.Locations)
                    {
                        if (!await AddReferenceAsync(member, location).ConfigureAwait(false))
                        {
                            return false;
                        }
                    }
                }

                return true;
            }

            private async Task<bool> AddReferenceAsync(ChainMember member, ReferenceLocation location)
            {
                if (location.IsImplicit || !location.Location.IsInSource)
                {
                    return false;
                }

                var document = location.Document;
                if (document is SourceGeneratedDocument)
                {
                    // Generated code is regenerated, not edited.
                    return false;
                }

                var root = await document.GetSyntaxRootAsync(_cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(_cancellationToken).ConfigureAwait(false);
                if (root == null || model == null || root.FindToken(location.Location.SourceSpan.Start, findInsideTrivia: true).Parent is not SimpleNameSyntax name)
                {
                    return false;
                }

                member.NameReferences.Add((document.Id, name.Span));
                if (name.FirstAncestorOrSelf<CrefSyntax>() != null)
                {
                    return true;
                }

                // nameof binds to the method group as a candidate; any other candidate is code that does not compile.
                if (IsInNameOf(name, model))
                {
                    member.HasNameOf = true;
                    return true;
                }

                if (location.IsCandidateLocation)
                {
                    return false;
                }

                ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                if (member.Kind == ChainMemberKind.EventHandler && callee.Parent is not InvocationExpressionSyntax)
                {
                    // `Click += OnClick`: an async void handler keeps its delegate-compatible signature.
                    return true;
                }

                if (name.Parent is MemberBindingExpressionSyntax
                    || callee.Parent is not InvocationExpressionSyntax invocation
                    || invocation.Expression != callee)
                {
                    // A method group or delegate conversion: its delegate type would have to change too.
                    return false;
                }

                if (member.Kind == ChainMemberKind.EventHandler || member.Kind == ChainMemberKind.EntryPoint)
                {
                    // A direct call of an async void handler would no longer wait for it.
                    return false;
                }

                if (IsUnderConditionalAccess(invocation) || SpillsRefLikeValue(invocation, model))
                {
                    return false;
                }

                switch (AwaitSyntax.ClassifyAwaitSite(invocation, out var caller, out var lambda))
                {
                    case AwaitSite.SynchronousLambda when ChainRules.IsRouteHandler(lambda!, model, _cancellationToken):
                        _chain.AsyncLambdas.Add((document.Id, lambda!.Span));
                        break;
                    case AwaitSite.AsyncFunction:
                    case AwaitSite.TopLevel:
                        break;
                    case AwaitSite.SynchronousMethod:
                        if (model.GetDeclaredSymbol(caller!, _cancellationToken) is not IMethodSymbol callerSymbol)
                        {
                            return false;
                        }

                        if (!_chain.Members.ContainsKey(callerSymbol))
                        {
                            _queue.Enqueue(callerSymbol);
                        }

                        _awaiting.Add(callerSymbol.OriginalDefinition);

                        break;
                    default:
                        return false;
                }

                _chain.AwaitedCalls.Add((document.Id, invocation.Span));
                return true;
            }

            private static bool IsInNameOf(SimpleNameSyntax name, SemanticModel model)
            {
                for (SyntaxNode? node = name; node != null; node = node.Parent)
                {
                    if (node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } invocation
                        && model.GetSymbolInfo(invocation).Symbol == null)
                    {
                        return true;
                    }

                    if (node is StatementSyntax or MemberDeclarationSyntax)
                    {
                        return false;
                    }
                }

                return false;
            }

            /// <summary>`x?.M()`, `a?.B(M())`: awaiting a null task would throw; no fix.</summary>
            private static bool IsUnderConditionalAccess(InvocationExpressionSyntax invocation)
            {
                for (var node = invocation.Parent; node != null && node is not (StatementSyntax or MemberDeclarationSyntax); node = node.Parent)
                {
                    if (node is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull.Span.Contains(invocation.Span))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>A ref struct value (Span, ReadOnlySpan) in the same statement cannot live across the new await.</summary>
            private bool SpillsRefLikeValue(InvocationExpressionSyntax invocation, SemanticModel model)
            {
                SyntaxNode? statement = invocation.FirstAncestorOrSelf<StatementSyntax>();
                statement ??= invocation.FirstAncestorOrSelf<ArrowExpressionClauseSyntax>();
                if (statement == null)
                {
                    return false;
                }

                foreach (var node in statement.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                {
                    if (node is ExpressionSyntax expression && model.GetTypeInfo(expression, _cancellationToken).Type is { IsRefLikeType: true })
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
