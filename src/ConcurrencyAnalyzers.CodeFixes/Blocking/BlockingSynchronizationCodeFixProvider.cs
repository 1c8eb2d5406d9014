using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Blocking;
using ConcurrencyAnalyzers.CodeFixes.Shared;
using ConcurrencyAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.CodeFixes.Blocking
{
    /// <summary>
    /// CONC0203: `semaphore.Wait(args)` -> `await semaphore.WaitAsync(args[, token])`, keeping the
    /// timeout and token arguments (a timed wait still yields its bool). Only SemaphoreSlim has an
    /// awaitable form; the other primitives get no fix (the rule page names the replacement).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingSynchronizationCodeFixProvider)), Shared]
    public sealed class BlockingSynchronizationCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.BlockingSynchronizationInAsyncCode);

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
                if (!diagnostic.Properties.ContainsKey(BlockingSynchronizationAnalyzer.FixableProperty)
                    || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation)
                {
                    continue;
                }

                var token = CancellationTokens.FindInScope(model, invocation, context.Document.Project.AnalyzerOptions, RuleIds.BlockingSynchronizationInAsyncCode, context.CancellationToken);
                var replacement = AwaitableCallRewriter.TryBuild(invocation, "WaitAsync", arrayToMemory: false, model, token, ConfigureAwaitStyle.UsesConfigureAwaitFalse(root), context.CancellationToken);
                if (replacement == null)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create("Await 'WaitAsync' instead", ct => ReplaceAsync(document, invocation, replacement, ct), equivalenceKey: nameof(BlockingSynchronizationCodeFixProvider)),
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
