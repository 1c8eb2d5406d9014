using System.Collections.Generic;
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

namespace ConcurrencyAnalyzers.CodeFixes.SharedState
{
    /// <summary>
    /// CONC0501: `x++` -> `Interlocked.Increment(ref x)`, `x--` -> `Interlocked.Decrement(ref x)`,
    /// `x += n` / `x = x + n` -> `Interlocked.Add(ref x, n)`, `x -= n` / `x = x - n` -> `Interlocked.Add(ref x, -n)`.
    /// Offered only for int/long variables and fields (the analyzer marks those), and not for a postfix
    /// whose old value is used. Adds `using System.Threading;` when Interlocked is not in scope.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NonAtomicSharedUpdateCodeFixProvider)), Shared]
    public sealed class NonAtomicSharedUpdateCodeFixProvider : CodeFixProvider
    {
        private const string PropertyName = "Interlocked";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.NonAtomicSharedUpdate);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(PropertyName, out var method) || method == null
                    || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node
                    || Rewrite(node, method) == null)
                {
                    continue;
                }

                var document = context.Document;
                var title = "Use 'Interlocked." + (method == "Subtract" ? "Add" : method) + "'";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => FixAllInDocumentAsync(document, ImmutableArray.Create(diagnostic), ct), equivalenceKey: nameof(NonAtomicSharedUpdateCodeFixProvider)),
                    diagnostic);
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixAllInDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> FixAllInDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
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
                if (diagnostic.Properties.TryGetValue(PropertyName, out var method) && method != null
                    && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax node
                    && Rewrite(node, method) != null)
                {
                    targets[node] = method;
                }
            }

            if (targets.Count == 0)
            {
                return document;
            }

            var needsUsing = true;
            foreach (var node in targets.Keys)
            {
                needsUsing = !UsingDirectives.IsInScope(model, node.SpanStart, "System.Threading", "Interlocked");
                break;
            }

            var newRoot = root.ReplaceNodes(targets.Keys, (original, rewritten) => Rewrite((ExpressionSyntax)rewritten, targets[original]) ?? rewritten);
            if (needsUsing)
            {
                newRoot = UsingDirectives.Add(newRoot, "System.Threading");
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private static ExpressionSyntax? Rewrite(ExpressionSyntax node, string method)
        {
            ExpressionSyntax target;
            ExpressionSyntax? amount = null;
            switch (node)
            {
                case PostfixUnaryExpressionSyntax postfix:
                    target = postfix.Operand;
                    break;
                case PrefixUnaryExpressionSyntax prefix:
                    target = prefix.Operand;
                    break;
                case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.AddAssignmentExpression) || assignment.IsKind(SyntaxKind.SubtractAssignmentExpression):
                    target = assignment.Left;
                    amount = assignment.Right;
                    break;
                case AssignmentExpressionSyntax { Right: var right } assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                    target = assignment.Left;
                    var value = right;
                    while (value is ParenthesizedExpressionSyntax parenthesized)
                    {
                        value = parenthesized.Expression;
                    }

                    if (value is not BinaryExpressionSyntax binary)
                    {
                        return null;
                    }

                    if (SyntaxFactory.AreEquivalent(binary.Left, target))
                    {
                        amount = binary.Right;
                    }
                    else if (method == "Add" && SyntaxFactory.AreEquivalent(binary.Right, target))
                    {
                        amount = binary.Left;
                    }
                    else
                    {
                        return null;
                    }

                    break;
                default:
                    return null;
            }

            var arguments = new List<ArgumentSyntax>
            {
                SyntaxFactory.Argument(target.WithoutTrivia()).WithRefKindKeyword(SyntaxFactory.Token(SyntaxKind.RefKeyword).WithTrailingTrivia(SyntaxFactory.Space)),
            };

            string name;
            switch (method)
            {
                case "Increment":
                case "Decrement":
                    if (amount != null)
                    {
                        return null;
                    }

                    name = method;
                    break;
                case "Add":
                    if (amount == null)
                    {
                        return null;
                    }

                    name = "Add";
                    arguments.Add(SyntaxFactory.Argument(amount.WithoutTrivia()));
                    break;
                case "Subtract":
                    if (amount == null)
                    {
                        return null;
                    }

                    name = "Add";
                    arguments.Add(SyntaxFactory.Argument(Negate(amount.WithoutTrivia())));
                    break;
                default:
                    return null;
            }

            var separators = new List<SyntaxToken>();
            for (var i = 1; i < arguments.Count; i++)
            {
                separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            }

            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName("Interlocked"), SyntaxFactory.IdentifierName(name)),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments, separators)))
                .WithTriviaFrom(node);
        }

        private static ExpressionSyntax Negate(ExpressionSyntax amount)
        {
            var operand = amount is IdentifierNameSyntax or LiteralExpressionSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax
                ? amount
                : SyntaxFactory.ParenthesizedExpression(amount);
            return SyntaxFactory.PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, operand);
        }
    }
}
