using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Shared;
using ConcurrencyAnalyzers.Options;
using ConcurrencyAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ConcurrencyAnalyzers.CodeFixes.SyncOverAsync
{
    /// <summary>
    /// CONC0102: "make it async all the way". The synchronous method that blocks becomes async (its waits
    /// become awaits), and so does every caller in the solution, transitively, up to a boundary (an async
    /// function, top-level statements, Main, an event handler, a test method, a controller action).
    /// Offered only when the whole chain can change safely and has at most
    /// `concurrency_analyzers.CONC0102.max_chain` members (default 25); see <see cref="ChainRules"/> for
    /// the refusals. FixAll unions the chains of all diagnostics and rewrites once, so the result does
    /// not depend on the order of the diagnostics.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeAsyncAllTheWayCodeFixProvider)), Shared]
    public sealed class MakeAsyncAllTheWayCodeFixProvider : CodeFixProvider
    {
        internal const string MaxChainOption = "max_chain";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SyncOverAsync);

        public override FixAllProvider GetFixAllProvider() => UnionFixAllProvider.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var convention = new AsyncSuffixConvention();
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Id != RuleIds.SyncOverAsync)
                {
                    continue;
                }

                var chain = await PlanAsync(context.Document, diagnostic, convention, context.CancellationToken).ConfigureAwait(false);
                if (chain == null)
                {
                    continue;
                }

                var solution = context.Document.Project.Solution;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        chain.Title(),
                        ct => AsyncChainRewriter.ApplyAsync(solution, chain, ct),
                        equivalenceKey: nameof(MakeAsyncAllTheWayCodeFixProvider)),
                    diagnostic);
            }
        }

        private static Task<AsyncChain?> PlanAsync(Document document, Diagnostic diagnostic, AsyncSuffixConvention convention, CancellationToken cancellationToken)
        {
            var tree = diagnostic.Location.SourceTree;
            var maxChain = tree == null
                ? AsyncChain.DefaultMaxChain
                : RuleOptions.GetInt(document.Project.AnalyzerOptions, tree, RuleIds.SyncOverAsync, MaxChainOption, AsyncChain.DefaultMaxChain);
            return AsyncChain.TryPlanAsync(document, diagnostic.Location.SourceSpan, maxChain, convention, cancellationToken);
        }

        /// <summary>
        /// Chains overlap (two waits in one method, two methods with a common caller), so batching
        /// per-diagnostic edits would conflict. Instead: plan every diagnostic's chain on the same
        /// solution, drop the ones refused, union the rest and rewrite once.
        /// </summary>
        private sealed class UnionFixAllProvider : FixAllProvider
        {
            public static readonly UnionFixAllProvider Instance = new UnionFixAllProvider();

            public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                var diagnostics = new List<(Document Document, Diagnostic Diagnostic)>();
                switch (fixAllContext.Scope)
                {
                    case FixAllScope.Document when fixAllContext.Document != null:
                        await AddAsync(diagnostics, fixAllContext, fixAllContext.Document).ConfigureAwait(false);
                        break;
                    case FixAllScope.Project:
                        await AddAsync(diagnostics, fixAllContext, fixAllContext.Project).ConfigureAwait(false);
                        break;
                    case FixAllScope.Solution:
                        foreach (var project in fixAllContext.Solution.Projects)
                        {
                            await AddAsync(diagnostics, fixAllContext, project).ConfigureAwait(false);
                        }

                        break;
                    default:
                        return null;
                }

                if (diagnostics.Count == 0)
                {
                    return null;
                }

                var solution = fixAllContext.Solution;
                return CodeAction.Create(
                    "Make the sync-over-async call chains async",
                    async ct =>
                    {
                        var convention = new AsyncSuffixConvention();
                        var chains = new List<AsyncChain>();
                        foreach (var (document, diagnostic) in diagnostics)
                        {
                            if (await PlanAsync(document, diagnostic, convention, ct).ConfigureAwait(false) is { } chain)
                            {
                                chains.Add(chain);
                            }
                        }

                        return chains.Count == 0 ? solution : await AsyncChainRewriter.ApplyAsync(solution, AsyncChain.Union(chains), ct).ConfigureAwait(false);
                    },
                    fixAllContext.CodeActionEquivalenceKey);
            }

            private static async Task AddAsync(List<(Document, Diagnostic)> diagnostics, FixAllContext context, Project project)
            {
                foreach (var document in project.Documents)
                {
                    await AddAsync(diagnostics, context, document).ConfigureAwait(false);
                }
            }

            private static async Task AddAsync(List<(Document, Diagnostic)> diagnostics, FixAllContext context, Document document)
            {
                foreach (var diagnostic in await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                {
                    if (diagnostic.Id == RuleIds.SyncOverAsync)
                    {
                        diagnostics.Add((document, diagnostic));
                    }
                }
            }
        }
    }
}
