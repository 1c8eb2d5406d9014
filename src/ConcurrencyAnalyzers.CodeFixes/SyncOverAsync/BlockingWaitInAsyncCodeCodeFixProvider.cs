using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Shared;
using ConcurrencyAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
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

        /// <summary>
        /// All waits of a document rewritten in one pass (nested waits included). Not the BatchFixer: that
        /// one keeps only actions whose equivalence key matches the one the caller found, and `dotnet format`
        /// takes that key from the first diagnostic of the analyzer, which may be a CONC0102 with no CONC0101
        /// action, so the whole id would be skipped.
        /// </summary>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return document;
            }

            var rewrites = new System.Collections.Generic.Dictionary<SyntaxNode, WaitRewriteKind>();
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Id == RuleIds.BlockingWaitInAsyncCode
                    && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax node
                    && AwaitSyntax.CanAwaitAt(node)
                    && WaitToAwait.TryGetRewrite(node, model, context.CancellationToken, out var kind))
                {
                    rewrites[node] = kind;
                }
            }

            return rewrites.Count == 0
                ? document
                : document.WithSyntaxRoot(root.ReplaceNodes(rewrites.Keys, (original, current) => WaitToAwait.Apply((ExpressionSyntax)original, (ExpressionSyntax)current, rewrites[original])));
        }

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Id != RuleIds.BlockingWaitInAsyncCode)
                {
                    continue;
                }

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
            => WaitToAwait.TryGetRewrite(node, model, cancellationToken, out var kind) ? WaitToAwait.Apply(node, node, kind) : null;
    }
}
