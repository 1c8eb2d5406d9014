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
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.AsyncHygiene
{
    /// <summary>
    /// CONC0405: adds `TaskCreationOptions.RunContinuationsAsynchronously` to a TaskCompletionSource
    /// creation: appended (after a state argument too), or or-ed into existing constant options
    /// (`None` is replaced). A `TaskContinuationOptions.RunContinuationsAsynchronously` passed as the
    /// state becomes the TaskCreationOptions member of the same name.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TaskCompletionSourceWithoutAsyncContinuationsCodeFixProvider)), Shared]
    public sealed class TaskCompletionSourceWithoutAsyncContinuationsCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Run continuations asynchronously";
        private const string Member = "RunContinuationsAsynchronously";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.TaskCompletionSourceWithoutAsyncContinuations);

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
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not BaseObjectCreationExpressionSyntax creation
                    || model.GetOperation(creation, context.CancellationToken) is not IObjectCreationOperation operation)
                {
                    continue;
                }

                var replacement = diagnostic.Properties.ContainsKey(TaskCompletionSourceWithoutAsyncContinuationsAnalyzer.WrongEnumProperty)
                    ? FixWrongEnum(creation)
                    : AddOption(creation, operation);
                if (replacement == null)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        ct => ReplaceAsync(document, creation, replacement, ct),
                        equivalenceKey: nameof(TaskCompletionSourceWithoutAsyncContinuationsCodeFixProvider)),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, SyntaxNode replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root == null
                ? document
                : await ImportsCleanup.AddImportsAsync(document.WithSyntaxRoot(root.ReplaceNode(node, replacement)), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>`new TaskCompletionSource&lt;T&gt;(TaskContinuationOptions.RunContinuationsAsynchronously)` -> TaskCreationOptions.</summary>
        private static SyntaxNode? FixWrongEnum(BaseObjectCreationExpressionSyntax creation)
        {
            var arguments = creation.ArgumentList?.Arguments ?? default;
            if (arguments.Count != 1
                || arguments[0].NameColon != null
                || arguments[0].Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: Member } access)
            {
                return null;
            }

            return creation.ReplaceNode(access, TaskSyntaxOptions().WithTriviaFrom(access));
        }

        private static SyntaxNode? AddOption(BaseObjectCreationExpressionSyntax creation, IObjectCreationOperation operation)
        {
            foreach (var argument in operation.Arguments)
            {
                if (argument.Parameter?.Type.Name != "TaskCreationOptions")
                {
                    continue;
                }

                if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Syntax is not ArgumentSyntax syntax)
                {
                    return null;
                }

                var existing = syntax.Expression;
                ExpressionSyntax combined = argument.Value.ConstantValue.HasValue && argument.Value.ConstantValue.Value is int flags && flags == 0
                    ? TaskSyntaxOptions()
                    : SyntaxFactory.BinaryExpression(
                        SyntaxKind.BitwiseOrExpression,
                        existing is MemberAccessExpressionSyntax or IdentifierNameSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.BitwiseOrExpression }
                            ? existing.WithoutTrivia()
                            : SyntaxFactory.ParenthesizedExpression(existing.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation),
                        TaskSyntaxOptions());
                return creation.ReplaceNode(existing, combined.WithTriviaFrom(existing));
            }

            // No options parameter bound: the parameterless or the (object state) constructor.
            var list = creation.ArgumentList ?? SyntaxFactory.ArgumentList();
            var named = false;
            foreach (var existingArgument in list.Arguments)
            {
                named |= existingArgument.NameColon != null;
            }

            var added = SyntaxFactory.Argument(TaskSyntaxOptions());
            if (named)
            {
                added = added.WithNameColon(SyntaxFactory.NameColon("creationOptions"));
            }

            var newList = list.AddArguments(added);
            return creation.ArgumentList == null
                ? creation switch
                {
                    ObjectCreationExpressionSyntax objectCreation => objectCreation.WithType(objectCreation.Type.WithoutTrailingTrivia()).WithArgumentList(newList.WithTrailingTrivia(objectCreation.Type.GetTrailingTrivia())),
                    _ => creation.WithArgumentList(newList),
                }
                : creation.WithArgumentList(newList);
        }

        private static ExpressionSyntax TaskSyntaxOptions() => TypeSyntaxes.TaskCreationOptions(Member);
    }
}
