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
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.CodeFixes.Blocking
{
    /// <summary>
    /// CONC0201: `x.M(args)` -> `await x.MAsync(args[, token])` (see <see cref="AwaitableCallRewriter"/>)
    /// and `using` -> `await using` when every resource of the statement is IAsyncDisposable. No fix
    /// where `await` is illegal, for `?.` receivers, or when no rewrite re-binds to the intended method.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingCallCodeFixProvider)), Shared]
    public sealed class BlockingCallCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.BlockingCallInAsyncCode);

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
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                diagnostic.Properties.TryGetValue(BlockingCallAnalyzer.KindProperty, out var kind);
                if (kind == "using")
                {
                    var statement = node.FirstAncestorOrSelf<StatementSyntax>();
                    if (statement != null && TryAwaitUsing(statement, model, context.CancellationToken) is StatementSyntax awaitUsing)
                    {
                        var document = context.Document;
                        context.RegisterCodeFix(
                            CodeAction.Create("Use 'await using'", ct => ReplaceAsync(document, statement, awaitUsing, ct), equivalenceKey: nameof(BlockingCallCodeFixProvider)),
                            diagnostic);
                    }

                    continue;
                }

                if (node is not InvocationExpressionSyntax invocation
                    || !diagnostic.Properties.TryGetValue(BlockingCallAnalyzer.AlternativeProperty, out var alternative) || alternative == null)
                {
                    continue;
                }

                var token = CancellationTokens.FindInScope(model, invocation, context.Document.Project.AnalyzerOptions, RuleIds.BlockingCallInAsyncCode, context.CancellationToken);
                var replacement = AwaitableCallRewriter.TryBuild(
                    invocation,
                    alternative,
                    diagnostic.Properties.ContainsKey(BlockingCallAnalyzer.ArrayToMemoryProperty),
                    model,
                    token,
                    ConfigureAwaitStyle.UsesConfigureAwaitFalse(root),
                    context.CancellationToken);
                if (replacement == null)
                {
                    continue;
                }

                var doc = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create("Await '" + alternative + "' instead", ct => ReplaceAsync(doc, invocation, replacement, ct), equivalenceKey: nameof(BlockingCallCodeFixProvider)),
                    diagnostic);
            }
        }

        private static StatementSyntax? TryAwaitUsing(StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!AwaitSyntax.CanAwaitAt(statement))
            {
                return null;
            }

            var asyncDisposable = model.Compilation.GetTypeByMetadataName("System.IAsyncDisposable");
            switch (statement)
            {
                case UsingStatementSyntax usingStatement when usingStatement.AwaitKeyword.IsKind(SyntaxKind.None):
                    if (usingStatement.Declaration != null ? !AllAsyncDisposable(usingStatement.Declaration, model, asyncDisposable, cancellationToken)
                        : usingStatement.Expression == null || !IsAsyncDisposable(model.GetTypeInfo(usingStatement.Expression, cancellationToken).Type, asyncDisposable))
                    {
                        return null;
                    }

                    return usingStatement
                        .WithAwaitKeyword(SyntaxFactory.Token(usingStatement.UsingKeyword.LeadingTrivia, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)))
                        .WithUsingKeyword(usingStatement.UsingKeyword.WithLeadingTrivia());
                case LocalDeclarationStatementSyntax local when local.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) && local.AwaitKeyword.IsKind(SyntaxKind.None):
                    if (!AllAsyncDisposable(local.Declaration, model, asyncDisposable, cancellationToken))
                    {
                        return null;
                    }

                    return local
                        .WithAwaitKeyword(SyntaxFactory.Token(local.UsingKeyword.LeadingTrivia, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)))
                        .WithUsingKeyword(local.UsingKeyword.WithLeadingTrivia());
                default:
                    return null;
            }
        }

        private static bool AllAsyncDisposable(VariableDeclarationSyntax declaration, SemanticModel model, INamedTypeSymbol? asyncDisposable, CancellationToken cancellationToken)
        {
            foreach (var variable in declaration.Variables)
            {
                if (model.GetDeclaredSymbol(variable, cancellationToken) is not ILocalSymbol local || !IsAsyncDisposable(local.Type, asyncDisposable))
                {
                    return false;
                }
            }

            return declaration.Variables.Count > 0;
        }

        private static bool IsAsyncDisposable(ITypeSymbol? type, INamedTypeSymbol? asyncDisposable)
        {
            if (type == null || asyncDisposable == null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, asyncDisposable))
            {
                return true;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(@interface, asyncDisposable))
                {
                    return true;
                }
            }

            return false;
        }

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, SyntaxNode replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root == null ? document : document.WithSyntaxRoot(root.ReplaceNode(node, replacement));
        }
    }
}
