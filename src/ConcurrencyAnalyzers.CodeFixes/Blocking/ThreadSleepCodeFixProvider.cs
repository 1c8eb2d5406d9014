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
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.Blocking
{
    /// <summary>
    /// CONC0202: `Thread.Sleep(d)` -> `await Task.Delay(d[, token])` with the same int or TimeSpan
    /// duration and the CancellationToken in scope (see <see cref="CancellationTokens"/>), plus
    /// `.ConfigureAwait(false)` in files that use it on every await. No fix where `await` is illegal.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ThreadSleepCodeFixProvider)), Shared]
    public sealed class ThreadSleepCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ThreadSleepInAsyncCode);

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
                    || invocation.ArgumentList.Arguments.Count != 1 || !AwaitSyntax.CanAwaitAt(invocation))
                {
                    continue;
                }

                var arguments = invocation.ArgumentList;
                var token = CancellationTokens.FindInScope(model, invocation, context.Document.Project.AnalyzerOptions, RuleIds.ThreadSleepInAsyncCode, context.CancellationToken);
                if (token != null)
                {
                    arguments = arguments.AddArguments(SyntaxFactory.Argument(token));
                }

                ExpressionSyntax delay = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.ParseExpression("System.Threading.Tasks.Task.Delay").WithAdditionalAnnotations(Simplifier.Annotation),
                    arguments.WithoutTrivia());
                var info = model.GetSpeculativeSymbolInfo(invocation.SpanStart, delay, SpeculativeBindingOption.BindAsExpression);
                if (info.Symbol is not IMethodSymbol { Name: "Delay" })
                {
                    continue;
                }

                if (ConfigureAwaitStyle.UsesConfigureAwaitFalse(root))
                {
                    delay = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, delay, SyntaxFactory.IdentifierName("ConfigureAwait")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))));
                }

                var replacement = AwaitSyntax.AwaitReplacing(invocation, delay);
                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create("Use 'await Task.Delay'", ct => ReplaceAsync(document, invocation, replacement, ct), equivalenceKey: nameof(ThreadSleepCodeFixProvider)),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, SyntaxNode replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root == null ? document : document.WithSyntaxRoot(root.ReplaceNode(node, replacement));
        }
    }
}
