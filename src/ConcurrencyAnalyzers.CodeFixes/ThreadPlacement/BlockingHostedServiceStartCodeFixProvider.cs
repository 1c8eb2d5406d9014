using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.ThreadPlacement;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.ThreadPlacement
{
    /// <summary>
    /// CONC0303: in an async start method with a block body, inserts `await Task.Yield();` as the
    /// first statement, so everything after it runs on the thread pool and the host's start goes on.
    /// Not offered for non-async methods (the work has to move into Task.Run by hand: the method
    /// returns a task whose meaning the fix cannot guess).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingHostedServiceStartCodeFixProvider)), Shared]
    public sealed class BlockingHostedServiceStartCodeFixProvider : CodeFixProvider
    {
        public const string YieldKey = "CONC0303.Yield";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.BlockingHostedServiceStart);

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
                if (!diagnostic.Properties.TryGetValue(BlockingHostedServiceStartAnalyzer.AsyncProperty, out var isAsync) || isAsync != "true")
                {
                    continue;
                }

                var method = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<MethodDeclarationSyntax>();
                if (method?.Body == null || !method.Modifiers.Any(SyntaxKind.AsyncKeyword))
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create("Yield before the work ('await Task.Yield()')", ct => InsertYieldAsync(document, method, ct), YieldKey),
                    diagnostic);
            }
        }

        private static async Task<Document> InsertYieldAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || method.Body == null)
            {
                return document;
            }

            var yieldCall = SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression("System.Threading.Tasks.Task.Yield").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));
            var statement = SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(yieldCall)).WithAdditionalAnnotations(Formatter.Annotation);
            var body = method.Body.WithStatements(method.Body.Statements.Insert(0, statement));
            return document.WithSyntaxRoot(root.ReplaceNode(method.Body, body));
        }
    }
}
