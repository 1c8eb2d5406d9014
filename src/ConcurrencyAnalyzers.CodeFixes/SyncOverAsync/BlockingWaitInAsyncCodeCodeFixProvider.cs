using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Shared;
using ConcurrencyAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.CodeFixes.SyncOverAsync
{
    /// <summary>
    /// CONC0101: replaces a blocking wait with its await form. `t.Result` / `t.GetAwaiter().GetResult()`
    /// -> `await t` (ConfigureAwait kept), `t.Wait()` -> `await t`, `t.Wait(ct)` -> `await t.WaitAsync(ct)`,
    /// `Task.WaitAll(a, b)` -> `await Task.WhenAll(a, b)`, `Task.WaitAny(...)` as a statement -> `await Task.WhenAny(...)`.
    /// No fix where await is illegal (lock, unsafe, query clauses) or the await form would change meaning
    /// (timeouts, `?.` receivers, a WaitAny whose index is used).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingWaitInAsyncCodeCodeFixProvider)), Shared]
    public sealed class BlockingWaitInAsyncCodeCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Await the task instead of blocking";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.BlockingWaitInAsyncCode);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node)
                {
                    continue;
                }

                if (!AwaitSyntax.CanAwaitAt(node))
                {
                    continue;
                }

                var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                if (semanticModel == null || TryBuildReplacement(node, semanticModel, context.CancellationToken) is not ExpressionSyntax replacement)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        ct => ApplyAsync(document, node, replacement, ct),
                        equivalenceKey: nameof(BlockingWaitInAsyncCodeCodeFixProvider)),
                    diagnostic);
            }
        }

        private static async Task<Document> ApplyAsync(Document document, ExpressionSyntax node, ExpressionSyntax replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root == null ? document : document.WithSyntaxRoot(root.ReplaceNode(node, replacement));
        }

        private static ExpressionSyntax? TryBuildReplacement(ExpressionSyntax node, SemanticModel model, CancellationToken cancellationToken)
        {
            switch (node)
            {
                // t.Result
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } access:
                    return AwaitSyntax.AwaitReplacing(node, access.Expression);

                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation:
                    var arguments = invocation.ArgumentList.Arguments;
                    switch (access.Name.Identifier.ValueText)
                    {
                        // t.GetAwaiter().GetResult(), t.ConfigureAwait(false).GetAwaiter().GetResult()
                        case "GetResult" when access.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter, ArgumentList.Arguments.Count: 0 }
                            && getAwaiter.Name.Identifier.ValueText == "GetAwaiter":
                            return AwaitSyntax.AwaitReplacing(node, getAwaiter.Expression);

                        case "Wait" when arguments.Count == 0 && invocation.Parent is ExpressionStatementSyntax:
                            return AwaitSyntax.AwaitReplacing(node, access.Expression);

                        case "Wait" when arguments.Count == 1 && invocation.Parent is ExpressionStatementSyntax
                            && IsCancellationToken(model.GetTypeInfo(arguments[0].Expression, cancellationToken).Type)
                            && HasWaitAsyncWithToken(model.GetTypeInfo(access.Expression, cancellationToken).Type):
                            return AwaitSyntax.AwaitReplacing(node, invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName("WaitAsync"))));

                        case "WaitAll" when invocation.Parent is ExpressionStatementSyntax && AllArgumentsAreTasks(invocation, model, cancellationToken):
                            return AwaitSyntax.AwaitReplacing(node, invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName("WhenAll"))));

                        case "WaitAny" when invocation.Parent is ExpressionStatementSyntax && AllArgumentsAreTasks(invocation, model, cancellationToken):
                            return AwaitSyntax.AwaitReplacing(node, invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName("WhenAny"))));
                    }

                    return null;

                default:
                    return null;
            }
        }

        /// <summary>
        /// Only the task-collection arguments map onto WhenAll/WhenAny; an explicit timeout or token does not.
        /// </summary>
        private static bool AllArgumentsAreTasks(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
        {
            if (model.GetOperation(invocation, cancellationToken) is not Microsoft.CodeAnalysis.Operations.IInvocationOperation operation)
            {
                return false;
            }

            foreach (var argument in operation.Arguments)
            {
                if (argument.Parameter == null
                    || (argument.Parameter.Ordinal != 0 && argument.ArgumentKind != Microsoft.CodeAnalysis.Operations.ArgumentKind.DefaultValue))
                {
                    return false;
                }
            }

            return operation.Arguments.Length > 0;
        }

        private static bool IsCancellationToken(ITypeSymbol? type)
            => type is { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

        private static bool HasWaitAsyncWithToken(ITypeSymbol? taskType)
        {
            for (var type = taskType; type != null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers("WaitAsync"))
                {
                    if (member is IMethodSymbol { Parameters.Length: 1 } method && IsCancellationToken(method.Parameters[0].Type))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
