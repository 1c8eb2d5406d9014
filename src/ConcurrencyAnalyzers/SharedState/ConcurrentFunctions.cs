using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.SharedState
{
    /// <summary>
    /// Extends the SharedState rules from lambdas to named code: a method or local function of the type
    /// that is handed to a threading API as a method group (`new Thread(Increment)` twice, `Parallel.ForEach(items,
    /// Process)`) or called from concurrent code on the same instance (`Parallel.For(0, n, i => Process(i))`,
    /// two `Task.Run(() => Poll())`) runs concurrently with itself. One level deep, within one type.
    /// Asked on demand, only for an update of shared storage in straight method code: the type's text is
    /// searched for the function's name, the places where it is used as a possible start (a method group, or a
    /// call inside a lambda) are kept, and only those are bound, once per function. Nothing runs per type or per
    /// operation otherwise. One instance per compilation, shared by both SharedState rules.
    /// </summary>
    internal sealed class ConcurrentFunctions
    {
        private static readonly ConditionalWeakTable<Compilation, ConcurrentFunctions> Shared = new ConditionalWeakTable<Compilation, ConcurrentFunctions>();

        private readonly KnownSymbols _known;
        private readonly ConcurrentDictionary<INamedTypeSymbol, Dictionary<string, List<SimpleNameSyntax>>> _possibleStarts = new ConcurrentDictionary<INamedTypeSymbol, Dictionary<string, List<SimpleNameSyntax>>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, Starts> _starts = new ConcurrentDictionary<IMethodSymbol, Starts>(SymbolEqualityComparer.Default);

        // Created once: lambdas over instance methods would allocate a delegate per lookup.
        private readonly Func<INamedTypeSymbol, Dictionary<string, List<SimpleNameSyntax>>> _scanType;

        private ConcurrentFunctions(KnownSymbols known)
        {
            _known = known;
            _scanType = ScanType;
        }

        public static ConcurrentFunctions For(KnownSymbols known)
            => Shared.GetValue(known.Compilation, _ => new ConcurrentFunctions(known));

        /// <summary>
        /// Is <paramref name="operation"/>, an update of <paramref name="storage"/> in the straight code of
        /// a method or local function, run concurrently with itself because that function is?
        /// </summary>
        public bool TryGetRegion(IOperation operation, IOperation? storage, ISymbol? containingSymbol, CancellationToken cancellationToken, out ConcurrentRegion region)
        {
            region = default;
            if (containingSymbol is not IMethodSymbol method || method.ContainingType is not { } type)
            {
                return false;
            }

            // Only straight code of a method or local function: lambdas are the operation-level analysis' business.
            IOperation? body = null;
            var function = method;
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation)
                {
                    return false;
                }

                if (current is ILocalFunctionOperation localFunction)
                {
                    // A local function declared inside a lambda has that lambda's per-run variables in scope: too
                    // subtle to judge, leave it.
                    for (var outer = localFunction.Parent; outer != null; outer = outer.Parent)
                    {
                        if (outer is IAnonymousFunctionOperation)
                        {
                            return false;
                        }
                    }

                    body = localFunction;
                    function = localFunction.Symbol;
                    break;
                }

                body = current;
            }

            if (body == null || (function.MethodKind != MethodKind.Ordinary && function.MethodKind != MethodKind.LocalFunction)
                || IsOwnedBy(storage, function))
            {
                return false;
            }

            // Once per function: where could its name be a start at all? Most functions are only called directly.
            var definition = function.OriginalDefinition;
            if (!_starts.TryGetValue(definition, out var starts))
            {
                var sites = PossibleStartSites(type.OriginalDefinition, function.Name, cancellationToken);
                starts = sites == null ? default : FindStarts(definition, type.OriginalDefinition, sites, operation.SemanticModel, cancellationToken);
                _starts.TryAdd(definition, starts);
            }

            if (starts.Count < 2 || starts.Start == null)
            {
                return false;
            }

            if (starts.AfterFirstAwaitOnly)
            {
                var firstAwait = DelegateExecution.FirstAwaitEnd(body.Syntax);
                if (firstAwait < 0 || operation.Syntax.SpanStart < firstAwait)
                {
                    return false;
                }
            }

            region = DelegateExecution.FunctionRegion(body, starts.Start, starts.Display ?? "method '" + function.Name + "'");
            return true;
        }

        /// <summary>Storage that is a local or parameter of the function itself: each run has its own.</summary>
        private static bool IsOwnedBy(IOperation? storage, IMethodSymbol function)
        {
            for (var current = storage; current != null;)
            {
                switch (current)
                {
                    case ILocalReferenceOperation local:
                        return !local.Local.IsRef && SymbolEqualityComparer.Default.Equals(local.Local.ContainingSymbol, function);
                    case IParameterReferenceOperation parameter:
                        return parameter.Parameter.RefKind == RefKind.None && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, function);
                    case IFieldReferenceOperation field:
                        current = field.Field.IsStatic ? null : field.Instance;
                        continue;
                    case IPropertyReferenceOperation property:
                        current = property.Property.IsStatic ? null : property.Instance;
                        continue;
                    case IArrayElementReferenceOperation element:
                        current = element.ArrayReference;
                        continue;
                    case IConversionOperation conversion:
                        current = conversion.Operand;
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        // ---- syntax: which names could be starts --------------------------------------------------

        /// <summary>
        /// The places in the type's declarations where <paramref name="name"/> is used as a method group or called
        /// inside a lambda; null when there are none. The declarations' text is searched for the name and only the
        /// tokens found there are looked at, instead of walking every node of a possibly large type. A declaration
        /// whose text holds a \u escape (an identifier may be spelled with one) is walked as before.
        /// </summary>
        internal List<SimpleNameSyntax>? PossibleStartSites(INamedTypeSymbol type, string name, CancellationToken cancellationToken)
        {
            List<SimpleNameSyntax>? sites = null;
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (!_known.Compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    continue;
                }

                var declaration = reference.GetSyntax(cancellationToken);
                var span = declaration.Span;
                if (!declaration.SyntaxTree.TryGetText(out var text) || span.End > text.Length
                    || SourceMentions.HasUnicodeEscape(SourceMentions.CopySpan(text, span, ref t_text), span.Length))
                {
                    return _possibleStarts.GetOrAdd(type, _scanType).TryGetValue(name, out var scanned) ? scanned : null;
                }

                var buffer = t_text!;
                for (var i = SourceMentions.IndexOf(buffer, span.Length, name, 0); i >= 0; i = SourceMentions.IndexOf(buffer, span.Length, name, i + 1))
                {
                    // An occurrence in a comment or a string finds a token that does not hold it, or holds other text.
                    var position = span.Start + i;
                    var token = declaration.FindToken(position);
                    if (!token.Span.Contains(position))
                    {
                        continue;
                    }

                    if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name
                        && token.Parent is SimpleNameSyntax simpleName && IsPossibleStartIn(simpleName, declaration))
                    {
                        (sites ??= new List<SimpleNameSyntax>()).Add(simpleName);
                    }

                    i = token.Span.End - 1 - span.Start;
                }
            }

            return sites;
        }

        // The declaration's text, copied once per function asked: array reads, not SourceText's virtual indexer.
        [ThreadStatic]
        private static char[]? t_text;

        /// <summary>What the walk below keeps, asked of one name: in the type itself (not a nested type), not a receiver or a type, and a method group or a call inside a (non-subscription) lambda.</summary>
        private static bool IsPossibleStartIn(SimpleNameSyntax name, SyntaxNode typeDeclaration)
        {
            if ((name.Parent is MemberAccessExpressionSyntax receiverAccess && receiverAccess.Expression == name) || SyntaxFacts.IsInTypeOnlyContext(name))
            {
                return false;
            }

            var inLambda = false;
            for (var node = name.Parent; node != null && node != typeDeclaration; node = node.Parent)
            {
                switch (node)
                {
                    case ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax or InterfaceDeclarationSyntax:
                        return false;
                    case SimpleLambdaExpressionSyntax or ParenthesizedLambdaExpressionSyntax or AnonymousMethodExpressionSyntax
                        when !(node.Parent is AssignmentExpressionSyntax subscription
                            && (subscription.IsKind(SyntaxKind.AddAssignmentExpression) || subscription.IsKind(SyntaxKind.SubtractAssignmentExpression))):
                        inLambda = true;
                        break;
                }
            }

            return IsPossibleStart(name, inLambda);
        }

        /// <summary>
        /// Per name, the places in the type where it is used as a method group or called inside a lambda, from a
        /// walk of every node: what the text search gives, kept for text it cannot read (\u escapes).
        /// </summary>
        internal Dictionary<string, List<SimpleNameSyntax>> ScanType(INamedTypeSymbol type)
        {
            var sites = new Dictionary<string, List<SimpleNameSyntax>>(StringComparer.Ordinal);

            // Only a method or a local function can be a start, so only their names are kept: in a large form
            // every name used inside a lambda would otherwise get a list of its own.
            var collector = new StartNameCollector(sites, type.MemberNames as ICollection<string> ?? new HashSet<string>(type.MemberNames, StringComparer.Ordinal));
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (_known.Compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    collector.CollectFrom(reference.GetSyntax());
                }
            }

            collector.AddLocalFunctionSites();
            return sites;
        }

        /// <summary>A name used as a method group, or called inside a lambda.</summary>
        private static bool IsPossibleStart(SimpleNameSyntax name, bool inLambda) => inLambda || OperationTree.InvocationOf(name) == null;

        private sealed class StartNameCollector : CSharpSyntaxWalker
        {
            private readonly Dictionary<string, List<SimpleNameSyntax>> _sites;
            private readonly ICollection<string> _memberNames;
            private HashSet<string>? _localFunctionNames;
            private List<SimpleNameSyntax>? _otherNames;
            private int _lambdaDepth;
            private bool _inType;

            public StartNameCollector(Dictionary<string, List<SimpleNameSyntax>> sites, ICollection<string> memberNames)
            {
                _sites = sites;
                _memberNames = memberNames;
            }

            /// <summary>One declaration of the type (a partial type has several); types nested in it are skipped.</summary>
            public void CollectFrom(SyntaxNode typeDeclaration)
            {
                _inType = false;
                Visit(typeDeclaration);
            }

            /// <summary>Names that are not the type's members count once the walk has seen a local function of that name.</summary>
            public void AddLocalFunctionSites()
            {
                if (_localFunctionNames == null || _otherNames == null)
                {
                    return;
                }

                foreach (var name in _otherNames)
                {
                    if (_localFunctionNames.Contains(name.Identifier.ValueText))
                    {
                        Add(name.Identifier.ValueText, name);
                    }
                }
            }

            public override void VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
            {
                (_localFunctionNames ??= new HashSet<string>(StringComparer.Ordinal)).Add(node.Identifier.ValueText);
                base.VisitLocalFunctionStatement(node);
            }

            public override void VisitIdentifierName(IdentifierNameSyntax node) => Record(node);

            public override void VisitGenericName(GenericNameSyntax node)
            {
                Record(node);
                base.VisitGenericName(node);
            }

            public override void VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => InLambda(node);

            public override void VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) => InLambda(node);

            public override void VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) => InLambda(node);

            public override void VisitClassDeclaration(ClassDeclarationSyntax node) => InType(node);

            public override void VisitStructDeclaration(StructDeclarationSyntax node) => InType(node);

            public override void VisitRecordDeclaration(RecordDeclarationSyntax node) => InType(node);

            public override void VisitInterfaceDeclaration(InterfaceDeclarationSyntax node) => InType(node);

            private void Record(SimpleNameSyntax name)
            {
                // A method group is never the receiver of a member access nor a type: `items` in `items.Add(x)`
                // and `List<int>` are the bulk of the names a walk meets.
                if ((name.Parent is MemberAccessExpressionSyntax receiverAccess && receiverAccess.Expression == name)
                    || SyntaxFacts.IsInTypeOnlyContext(name)
                    || !IsPossibleStart(name, _lambdaDepth > 0))
                {
                    return;
                }

                var text = name.Identifier.ValueText;
                if (_memberNames.Contains(text))
                {
                    Add(text, name);
                }
                else
                {
                    // Possibly a local function (declared before or after this use); kept until the walk ends.
                    (_otherNames ??= new List<SimpleNameSyntax>()).Add(name);
                }
            }

            private void Add(string text, SimpleNameSyntax name)
            {
                if (!_sites.TryGetValue(text, out var list))
                {
                    _sites[text] = list = new List<SimpleNameSyntax>();
                }

                list.Add(name);
            }

            private void InLambda(SyntaxNode node)
            {
                // `button.Click += (s, e) => Refresh();`: an event handler runs where the event is raised, it is
                // not a start, so calls in it are not recorded (method groups in it still are).
                if (node.Parent is AssignmentExpressionSyntax subscription
                    && (subscription.IsKind(SyntaxKind.AddAssignmentExpression) || subscription.IsKind(SyntaxKind.SubtractAssignmentExpression)))
                {
                    DefaultVisit(node);
                    return;
                }

                _lambdaDepth++;
                DefaultVisit(node);
                _lambdaDepth--;
            }

            private void InType(SyntaxNode node)
            {
                // Nested types are types of their own: their code is not this type's.
                if (_inType)
                {
                    return;
                }

                _inType = true;
                DefaultVisit(node);
            }
        }

        // ---- semantics: the starts of one function -------------------------------------------------

        private Starts FindStarts(IMethodSymbol function, INamedTypeSymbol type, List<SimpleNameSyntax> sites, SemanticModel? current, CancellationToken cancellationToken)
        {
            var starts = default(Starts);
            SemanticModel? model = null;
            foreach (var name in sites)
            {
                var tree = name.SyntaxTree;
                if (model?.SyntaxTree != tree)
                {
#pragma warning disable RS1030 // Only for a function whose name appears as a method group or in a lambda, and only at those places; the type's other files are not the one being analyzed.
                    model = current != null && current.SyntaxTree == tree ? current : _known.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                }

                var bound = (ExpressionSyntax?)OperationTree.InvocationOf(name) ?? OperationTree.NamedExpression(name);
                if (model.GetOperation(bound, cancellationToken) is { } operation)
                {
                    Record(OperationTree.DelegateTarget(operation), function, type, ref starts);
                }
            }

            return starts;
        }

        /// <summary>Counts one reference of <paramref name="function"/> that starts it (a method group given to a threading API, or a call from concurrent code).</summary>
        private void Record(IOperation operation, IMethodSymbol function, INamedTypeSymbol type, ref Starts starts)
        {
            if (operation is IMethodReferenceOperation reference)
            {
                var method = reference.Method;
                if (!IsFunction(method, function) || reference.Instance is { } instance && instance is not IInstanceReferenceOperation)
                {
                    return;
                }

                if (method.IsAsync && IsArgumentOfSelectStartingAllAtOnce(reference, type))
                {
                    // items.Select(ProcessAsync) given to Task.WhenAll: every call's continuation runs at once.
                    starts = starts.Add(reference, 2, "method '" + method.Name + "' (its tasks all run at once through 'Select')", afterFirstAwait: true);
                    return;
                }

                if (!DelegateExecution.TryClassifyMethodGroupStart(reference, _known, out var groupStart, out var repeated))
                {
                    return;
                }

                starts = starts.Add(
                    groupStart!,
                    repeated ? 2 : 1,
                    repeated
                        ? "method '" + method.Name + "' (run by " + DelegateExecution.DescribeStart(groupStart!) + ")"
                        : "method '" + method.Name + "' (started more than once)",
                    afterFirstAwait: false);
            }
            else if (operation is IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                if (!IsFunction(method, function) || invocation.Instance is { } instance && instance is not IInstanceReferenceOperation)
                {
                    return;
                }

                if (method.IsAsync && IsInSelectorStartingAllAtOnce(invocation, type))
                {
                    // items.Select(i => ProcessAsync(i)) given to Task.WhenAll.
                    starts = starts.Add(invocation, 2, "method '" + method.Name + "' (its tasks all run at once through 'Select')", afterFirstAwait: true);
                    return;
                }

                if (!DelegateExecution.TryFindConcurrentRegion(invocation, _known, out var region)
                    || SharedMemory.IsSynchronized(invocation, region))
                {
                    return;
                }

                starts = starts.Add(invocation, region.Kind == ConcurrencyKind.WithItself ? 2 : 1, "method '" + method.Name + "' (called from " + region.Display + ")", afterFirstAwait: false);
            }
        }

        private static bool IsFunction(IMethodSymbol method, IMethodSymbol function)
            => (method.MethodKind == MethodKind.Ordinary || method.MethodKind == MethodKind.LocalFunction)
                && SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, function);

        private static bool IsArgumentOfSelectStartingAllAtOnce(IMethodReferenceOperation reference, INamedTypeSymbol type)
        {
            var outer = reference.Parent;
            while (outer is IDelegateCreationOperation or IConversionOperation)
            {
                outer = outer.Parent;
            }

            return outer is IArgumentOperation argument && DelegateExecution.IsSelectStartingAllAtOnce(argument.Parent, type);
        }

        private static bool IsInSelectorStartingAllAtOnce(IInvocationOperation invocation, INamedTypeSymbol type)
        {
            // i => ProcessAsync(i): the call is the selector's whole body (its returned task is the element).
            var parent = invocation.Parent;
            while (parent is IConversionOperation or IReturnOperation or IBlockOperation)
            {
                parent = parent.Parent;
            }

            if (parent is not IAnonymousFunctionOperation lambda || lambda.Symbol.IsAsync)
            {
                return false;
            }

            var outer = lambda.Parent;
            while (outer is IDelegateCreationOperation or IConversionOperation)
            {
                outer = outer.Parent;
            }

            return outer is IArgumentOperation argument && DelegateExecution.IsSelectStartingAllAtOnce(argument.Parent, type);
        }

        private readonly struct Starts
        {
            private Starts(int count, string? display, IOperation? start, bool afterFirstAwaitOnly)
            {
                Count = count;
                Display = display;
                Start = start;
                AfterFirstAwaitOnly = afterFirstAwaitOnly;
            }

            /// <summary>Only async-Select starts so far: the method body runs concurrently from its first await on.</summary>
            public bool AfterFirstAwaitOnly { get; }

            public int Count { get; }

            public string? Display { get; }

            public IOperation? Start { get; }

            /// <summary>Code before the first await only counts when some start runs the whole method concurrently.</summary>
            public Starts Add(IOperation start, int weight, string display, bool afterFirstAwait)
                => new Starts(Count + weight, Display ?? display, Start ?? start, Count > 0 ? AfterFirstAwaitOnly && afterFirstAwait : afterFirstAwait);
        }
    }
}
