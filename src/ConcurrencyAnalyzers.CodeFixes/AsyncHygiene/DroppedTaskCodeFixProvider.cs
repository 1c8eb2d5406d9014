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
    /// CONC0404: in async code `Call();` becomes `await Call();`; elsewhere (and for `x?.Call()`, which
    /// would throw when awaited as null) it becomes `_ = Call();`, the explicit "not awaited". No fix
    /// where await is illegal inside async code (lock, unsafe) or where `_` names a variable in scope.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DroppedTaskCodeFixProvider)), Shared]
    public sealed class DroppedTaskCodeFixProvider : CodeFixProvider
    {
        private const string AwaitTitle = "Await the task";
        private const string DiscardTitle = "Discard the task explicitly";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.DroppedTask);

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
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node
                    || !diagnostic.Properties.TryGetValue(DroppedTaskAnalyzer.FixKindProperty, out var kind))
                {
                    continue;
                }

                var document = context.Document;
                if (kind == "Await" && node is not ConditionalAccessExpressionSyntax)
                {
                    if (!AwaitSyntax.CanAwaitAt(node))
                    {
                        continue;
                    }

                    context.RegisterCodeFix(
                        CodeAction.Create(AwaitTitle, ct => ReplaceAsync(document, node, AwaitSyntax.AwaitReplacing(node, node), ct), equivalenceKey: AwaitTitle),
                        diagnostic);
                    continue;
                }

                var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                if (model == null || !model.LookupSymbols(node.SpanStart, name: "_").IsEmpty)
                {
                    // `_ = ...` would assign to that variable instead of discarding.
                    continue;
                }

                var discard = SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        SyntaxFactory.IdentifierName("_"),
                        node.WithoutTrivia())
                    .WithTriviaFrom(node);
                context.RegisterCodeFix(
                    CodeAction.Create(DiscardTitle, ct => ReplaceAsync(document, node, discard, ct), equivalenceKey: DiscardTitle),
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
