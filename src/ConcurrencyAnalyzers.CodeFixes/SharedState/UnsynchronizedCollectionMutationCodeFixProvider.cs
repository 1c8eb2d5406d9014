using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Shared;
using ConcurrencyAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.CodeFixes.SharedState
{
    /// <summary>
    /// CONC0502, two fixes:
    /// 1. Wrap the mutating statement in `lock (gate) { ... }` when a dedicated lock object is in scope: a
    ///    readonly field of type object (or System.Threading.Lock) of the containing type, static where the code
    ///    is static, or a local of type object declared outside every enclosing lambda. Not offered when the
    ///    statement contains an await or is not a statement (an expression lambda returning a value).
    /// 2. Change a local's declared type to its concurrent counterpart (List -> ConcurrentBag, Dictionary ->
    ///    ConcurrentDictionary, Queue -> ConcurrentQueue, Stack -> ConcurrentStack) when the declaration is a
    ///    single local initialized with `new`, and the document still compiles with no new errors afterwards
    ///    (so `Dequeue`, `Add(k, v)`, `list[i]`, passing it as List&lt;T&gt; all make the fix unavailable).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnsynchronizedCollectionMutationCodeFixProvider)), Shared]
    public sealed class UnsynchronizedCollectionMutationCodeFixProvider : CodeFixProvider
    {
        private const string LockKey = nameof(UnsynchronizedCollectionMutationCodeFixProvider) + ".Lock";
        private const string TypeKey = nameof(UnsynchronizedCollectionMutationCodeFixProvider) + ".ConcurrentType";
        private const string ConcurrentTypeProperty = "ConcurrentType";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnsynchronizedCollectionMutation);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node)
                {
                    continue;
                }

                var gate = FindGate(node, model, context.CancellationToken);
                if (gate != null && WrapTarget(node) != null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Lock on '" + gate + "'",
                            ct => ApplyLocksAsync(document, ImmutableArray.Create(diagnostic), ct),
                            equivalenceKey: LockKey),
                        diagnostic);
                }

                if (diagnostic.Properties.TryGetValue(ConcurrentTypeProperty, out var concurrentType) && concurrentType != null
                    && FindLocalDeclaration(node, model, context.CancellationToken) is { } declarator)
                {
                    var changed = await TryChangeTypeAsync(document, declarator.Span, concurrentType, context.CancellationToken).ConfigureAwait(false);
                    if (changed != null)
                    {
                        var name = declarator.Identifier.ValueText;
                        var shortName = concurrentType.Substring(concurrentType.LastIndexOf('.') + 1);
                        shortName = shortName.Substring(0, shortName.IndexOf('`'));
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                "Make '" + name + "' a '" + shortName + "'",
                                _ => Task.FromResult(changed),
                                equivalenceKey: TypeKey),
                            diagnostic);
                    }
                }
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            if (context.CodeActionEquivalenceKey == LockKey)
            {
                return await ApplyLocksAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);
            }

            // Type changes: one per distinct local, each kept only while the document still compiles.
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return document;
            }

            var requests = new Dictionary<VariableDeclaratorSyntax, (SyntaxAnnotation Annotation, string Type)>();
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Properties.TryGetValue(ConcurrentTypeProperty, out var concurrentType) && concurrentType != null
                    && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax node
                    && FindLocalDeclaration(node, model, context.CancellationToken) is { } declarator
                    && !requests.ContainsKey(declarator))
                {
                    requests.Add(declarator, (new SyntaxAnnotation(), concurrentType));
                }
            }

            if (requests.Count == 0)
            {
                return document;
            }

            // Mark the declarators, then change them one by one: each change is kept only while the document still compiles.
            var current = document.WithSyntaxRoot(root.ReplaceNodes(requests.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(requests[original].Annotation)));
            foreach (var request in requests.Values)
            {
                var currentRoot = await current.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                var declarator = currentRoot?.GetAnnotatedNodes(request.Annotation).FirstOrDefault();
                if (declarator == null)
                {
                    continue;
                }

                current = await TryChangeTypeAsync(current, declarator.Span, request.Type, context.CancellationToken).ConfigureAwait(false) ?? current;
            }

            return current;
        }

        // ---- lock ------------------------------------------------------------------------------

        private static async Task<Document> ApplyLocksAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return document;
            }

            var targets = new Dictionary<SyntaxNode, string>();
            foreach (var diagnostic in diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax node
                    && WrapTarget(node) is { } target
                    && FindGate(node, model, cancellationToken) is { } gate
                    && !targets.ContainsKey(target))
                {
                    targets.Add(target, gate);
                }
            }

            var newRoot = root.ReplaceNodes(targets.Keys, (original, rewritten) => Wrap(rewritten, targets[original]));
            return document.WithSyntaxRoot(newRoot);
        }

        /// <summary>The statement to wrap, or the expression body of a void lambda to turn into a block.</summary>
        private static SyntaxNode? WrapTarget(ExpressionSyntax node)
        {
            if (node.DescendantNodesAndSelf().OfType<AwaitExpressionSyntax>().Any())
            {
                return null;
            }

            if (node.Parent is ExpressionStatementSyntax statement)
            {
                return statement.Parent is BlockSyntax or IfStatementSyntax or ElseClauseSyntax or ForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or UsingStatementSyntax
                    ? statement
                    : null;
            }

            if (node.Parent is LambdaExpressionSyntax lambda && lambda.ExpressionBody == node)
            {
                return lambda;
            }

            return null;
        }

        private static SyntaxNode Wrap(SyntaxNode target, string gate)
        {
            var lockKeyword = SyntaxFactory.Token(SyntaxKind.LockKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            var gateExpression = SyntaxFactory.ParseExpression(gate);
            if (target is StatementSyntax statement)
            {
                var block = SyntaxFactory.Block(statement.WithoutTrivia());
                var locked = SyntaxFactory.LockStatement(gateExpression, block).WithLockKeyword(lockKeyword);
                return locked.WithLeadingTrivia(statement.GetLeadingTrivia()).WithTrailingTrivia(statement.GetTrailingTrivia())
                    .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
            }

            // x => list.Add(x)   ->   x => { lock (gate) { list.Add(x); } }
            var lambda = (LambdaExpressionSyntax)target;
            var expression = lambda.ExpressionBody!;
            var inner = SyntaxFactory.ExpressionStatement(expression.WithoutTrivia());
            var lockStatement = SyntaxFactory.LockStatement(gateExpression, SyntaxFactory.Block(inner)).WithLockKeyword(lockKeyword);
            var body = SyntaxFactory.Block(lockStatement)
                .WithLeadingTrivia(expression.GetLeadingTrivia())
                .WithTrailingTrivia(expression.GetTrailingTrivia());
            return lambda.WithExpressionBody(null).WithBlock(body).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
        }

        /// <summary>A dedicated lock object visible at <paramref name="node"/>, preferring one already used in a lock statement.</summary>
        private static string? FindGate(ExpressionSyntax node, SemanticModel model, CancellationToken cancellationToken)
        {
            var lambda = node.FirstAncestorOrSelf<LambdaExpressionSyntax>();
            if (lambda != null && lambda.ExpressionBody == node && model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol { ReturnsVoid: false })
            {
                return null;
            }

            var member = model.GetEnclosingSymbol(node.SpanStart, cancellationToken);
            var containingType = member?.ContainingType;
            var isStatic = member?.IsStatic ?? true;
            for (var outer = member; outer is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } method; outer = outer.ContainingSymbol)
            {
                isStatic = outer.ContainingSymbol?.IsStatic ?? isStatic;
            }

            string? best = null;
            var bestUsed = false;
            foreach (var symbol in model.LookupSymbols(node.SpanStart))
            {
                string? candidate = null;
                switch (symbol)
                {
                    case IFieldSymbol field when field.IsReadOnly && IsLockType(field.Type) && SymbolEqualityComparer.Default.Equals(field.ContainingType, containingType)
                        && (field.IsStatic || !isStatic):
                        candidate = field.Name;
                        break;
                    case ILocalSymbol local when local.Type.SpecialType == SpecialType.System_Object && IsOutsideEveryLambda(local, node):
                        candidate = local.Name;
                        break;
                }

                if (candidate == null)
                {
                    continue;
                }

                var used = IsUsedInLock(symbol, node.SyntaxTree.GetRoot(cancellationToken), model, cancellationToken);
                if (best == null || (used && !bestUsed))
                {
                    best = candidate;
                    bestUsed = used;
                }
            }

            return best;
        }

        private static bool IsLockType(ITypeSymbol type)
            => type.SpecialType == SpecialType.System_Object
                || (type.Name == "Lock" && type.ContainingNamespace?.ToDisplayString() == "System.Threading");

        private static bool IsOutsideEveryLambda(ILocalSymbol local, SyntaxNode node)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != node.SyntaxTree || reference.Span.Start > node.SpanStart)
                {
                    return false;
                }

                foreach (var lambda in node.Ancestors().OfType<AnonymousFunctionExpressionSyntax>())
                {
                    if (lambda.Span.Contains(reference.Span))
                    {
                        return false;
                    }
                }

                if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsUsedInLock(ISymbol symbol, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var lockStatement in root.DescendantNodes().OfType<LockStatementSyntax>())
            {
                if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(lockStatement.Expression, cancellationToken).Symbol, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        // ---- concurrent type -------------------------------------------------------------------

        /// <summary>The single declarator of the local the mutated collection is, when that local is initialized with `new`.</summary>
        private static VariableDeclaratorSyntax? FindLocalDeclaration(ExpressionSyntax node, SemanticModel model, CancellationToken cancellationToken)
        {
            ExpressionSyntax? receiver = node switch
            {
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Expression,
                AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax element } => element.Expression,
                PostfixUnaryExpressionSyntax { Operand: ElementAccessExpressionSyntax element } => element.Expression,
                PrefixUnaryExpressionSyntax { Operand: ElementAccessExpressionSyntax element } => element.Expression,
                _ => null,
            };

            if (receiver == null || model.GetSymbolInfo(receiver, cancellationToken).Symbol is not ILocalSymbol local)
            {
                return null;
            }

            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax
                    {
                        Initializer.Value: ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax,
                        Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax },
                    } declarator)
                {
                    return declarator;
                }
            }

            return null;
        }

        private static async Task<Document?> TryChangeTypeAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan declaratorSpan, string concurrentMetadataName, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null
                || root.FindNode(declaratorSpan) is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator
                || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol { Type: INamedTypeSymbol oldType })
            {
                return null;
            }

            var concurrentType = model.Compilation.GetTypeByMetadataName(concurrentMetadataName);
            if (concurrentType == null || concurrentType.Arity != oldType.TypeArguments.Length)
            {
                return null;
            }

            var typeName = concurrentType.Name + "<" + string.Join(", ", oldType.TypeArguments.Select(t => t.ToMinimalDisplayString(model, declarator.SpanStart))) + ">";
            var newTypeSyntax = SyntaxFactory.ParseTypeName(typeName);

            var newDeclarator = declarator;
            if (declarator.Initializer?.Value is ObjectCreationExpressionSyntax creation)
            {
                newDeclarator = declarator.WithInitializer(declarator.Initializer.WithValue(creation.WithType(newTypeSyntax.WithTriviaFrom(creation.Type))));
            }

            var newDeclaration = declaration.ReplaceNode(declarator, newDeclarator);
            if (!declaration.Type.IsVar)
            {
                newDeclaration = newDeclaration.WithType(newTypeSyntax.WithTriviaFrom(declaration.Type));
            }

            var newRoot = root.ReplaceNode(declaration, newDeclaration);
            if (!UsingDirectives.IsInScope(model, declarator.SpanStart, "System.Collections.Concurrent", concurrentType.Name))
            {
                newRoot = UsingDirectives.Add(newRoot, "System.Collections.Concurrent");
            }

            var changed = document.WithSyntaxRoot(newRoot);
            var before = CountErrors(model.GetDiagnostics(cancellationToken: cancellationToken));
            var newModel = await changed.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (newModel == null || CountErrors(newModel.GetDiagnostics(cancellationToken: cancellationToken)) > before)
            {
                return null;
            }

            return changed;
        }

        private static int CountErrors(ImmutableArray<Diagnostic> diagnostics)
        {
            var count = 0;
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    count++;
                }
            }

            return count;
        }
    }
}
