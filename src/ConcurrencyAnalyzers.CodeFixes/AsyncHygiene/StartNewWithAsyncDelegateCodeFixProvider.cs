using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.AsyncHygiene;
using ConcurrencyAnalyzers.CodeFixes.Shared;
using ConcurrencyAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.CodeFixes.AsyncHygiene
{
    /// <summary>
    /// CONC0403: `Task.Factory.StartNew(async ...)` -> `Task.Run(async ...)` when only the delegate and a
    /// token (or Task.Run's own defaults) are passed; otherwise, and always as a second choice,
    /// `StartNew(...).Unwrap()`. Both change the expression's type from Task&lt;Task&gt; to Task, so the fix is
    /// offered only where that cannot break the code: a statement, `await` as a statement, `=> await`
    /// in an async function returning no value, a conversion to Task/object, or a `var` local whose
    /// every use is such a place.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StartNewWithAsyncDelegateCodeFixProvider)), Shared]
    public sealed class StartNewWithAsyncDelegateCodeFixProvider : CodeFixProvider
    {
        private const string RunTitle = "Use Task.Run, which unwraps async delegates";
        private const string UnwrapTitle = "Unwrap the inner task";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.StartNewWithAsyncDelegate);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                    || invocation.Expression is not MemberAccessExpressionSyntax access
                    || !TypeChangeIsSafe(invocation, model, context.CancellationToken))
                {
                    continue;
                }

                var document = context.Document;
                if (diagnostic.Properties.ContainsKey(StartNewWithAsyncDelegateAnalyzer.TaskRunProperty)
                    && BuildTaskRun(invocation, model, context.CancellationToken) is { } run)
                {
                    context.RegisterCodeFix(CodeAction.Create(RunTitle, ct => ReplaceAsync(document, invocation, run, ct), equivalenceKey: RunTitle), diagnostic);
                }

                var unwrap = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, invocation.WithoutTrivia(), SyntaxFactory.IdentifierName("Unwrap")))
                    .WithTriviaFrom(invocation);
                context.RegisterCodeFix(CodeAction.Create(UnwrapTitle, ct => ReplaceAsync(document, invocation, unwrap, ct), equivalenceKey: UnwrapTitle), diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, SyntaxNode replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root == null
                ? document
                : await ImportsCleanup.AddImportsAsync(document.WithSyntaxRoot(root.ReplaceNode(node, replacement)), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>`Task.Run(delegate[, token])`: the arguments that carry over, in their order and with their names.</summary>
        private static InvocationExpressionSyntax? BuildTaskRun(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
        {
            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
            {
                return null;
            }

            var kept = SyntaxFactory.SeparatedList<ArgumentSyntax>();
            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                var parameter = ParameterOf(argument, method);
                if (parameter == null)
                {
                    return null;
                }

                if (parameter.Type.TypeKind == TypeKind.Delegate || parameter.Type.Name == "CancellationToken")
                {
                    kept = kept.Add(argument);
                }
            }

            return invocation
                .WithExpression(TypeSyntaxes.TasksMember("Task", "Run").WithTriviaFrom(invocation.Expression))
                .WithArgumentList(invocation.ArgumentList.WithArguments(kept));
        }

        private static IParameterSymbol? ParameterOf(ArgumentSyntax argument, IMethodSymbol method)
        {
            if (argument.NameColon != null)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (parameter.Name == argument.NameColon.Name.Identifier.ValueText)
                    {
                        return parameter;
                    }
                }

                return null;
            }

            var index = ((ArgumentListSyntax)argument.Parent!).Arguments.IndexOf(argument);
            return index < method.Parameters.Length ? method.Parameters[index] : null;
        }

        private static bool TypeChangeIsSafe(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
        {
            var parent = expression.Parent;
            while (parent is ParenthesizedExpressionSyntax)
            {
                expression = (ExpressionSyntax)parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case ExpressionStatementSyntax:
                    return true;
                case AwaitExpressionSyntax { Parent: ExpressionStatementSyntax }:
                    return true;
                case AwaitExpressionSyntax { Parent: ArrowExpressionClauseSyntax or LambdaExpressionSyntax } awaited:
                    // `async Task M() => await StartNew(...)`: the awaited value is discarded when the function returns no value.
                    return ReturnsNoValue(awaited, model, cancellationToken);
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } } declarator }:
                    return EveryUseIsSafe(declarator, model, cancellationToken);
            }

            var converted = model.GetTypeInfo(expression, cancellationToken).ConvertedType;
            return converted != null
                && (converted.SpecialType == SpecialType.System_Object
                    || (converted is INamedTypeSymbol { Arity: 0, Name: "Task" } task && task.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"));
        }

        private static bool ReturnsNoValue(AwaitExpressionSyntax awaited, SemanticModel model, CancellationToken cancellationToken)
        {
            var function = awaited.Parent is LambdaExpressionSyntax lambda ? lambda : awaited.Parent?.Parent;
            var symbol = function switch
            {
                LambdaExpressionSyntax l => model.GetSymbolInfo(l, cancellationToken).Symbol as IMethodSymbol,
                MethodDeclarationSyntax or LocalFunctionStatementSyntax => model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol,
                _ => null,
            };
            return symbol != null
                && symbol.IsAsync
                && (symbol.ReturnsVoid || symbol.ReturnType is INamedTypeSymbol { Arity: 0, Name: "Task" or "ValueTask" });
        }

        private static bool EveryUseIsSafe(VariableDeclaratorSyntax declarator, SemanticModel model, CancellationToken cancellationToken)
        {
            var local = model.GetDeclaredSymbol(declarator, cancellationToken);
            var scope = declarator.FirstAncestorOrSelf<BlockSyntax>();
            if (local == null || scope == null)
            {
                return false;
            }

            foreach (var identifier in scope.DescendantNodes())
            {
                if (identifier is IdentifierNameSyntax name
                    && name.Identifier.ValueText == local.Name
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local)
                    && !TypeChangeIsSafe(name, model, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
