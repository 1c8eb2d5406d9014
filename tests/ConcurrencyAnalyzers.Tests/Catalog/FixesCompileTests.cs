using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ConcurrencyAnalyzers.Tests.Catalog
{
    /// <summary>
    /// Peers' bulk fixes broke real builds by dozens of errors. Here every fix provider's Fix All (solution
    /// scope, the way `dotnet format` applies it) runs over the sample app and over every rule test's snippet,
    /// one provider at a time, and the result must compile with no new errors.
    /// </summary>
    public class FixesCompileTests
    {
        [Fact]
        public async Task Fix_all_on_the_sample_app_adds_no_compile_errors()
        {
            var sampleDir = Path.Combine(Repository.Root, "samples", "ConcurrencyAnalyzers.Samples");
            var sources = Directory.EnumerateFiles(sampleDir, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
                .ToList();

            var (fixedCount, problems) = await FixAllAndCompileAsync(sources, OutputKind.ConsoleApplication, mustCompileFirst: true);
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
            Assert.True(fixedCount >= 10, "expected the fixes to remove most of the sample's diagnostics, removed " + fixedCount);
        }

        [Theory]
        [InlineData("Library.cs.txt", OutputKind.DynamicallyLinkedLibrary)]
        [InlineData("TopLevel.cs.txt", OutputKind.ConsoleApplication)]
        public async Task Fix_all_on_the_syntactic_variants_corpus_adds_no_compile_errors(string file, OutputKind kind)
        {
            // Expression bodies, ?. receivers, #if blocks, await using, local functions, lambdas, top-level statements.
            var path = Path.Combine(Repository.Root, "tests", "ConcurrencyAnalyzers.Tests", "Catalog", "FixCorpus", file);
            var (fixedCount, problems) = await FixAllAndCompileAsync(new[] { (file.Replace(".txt", "", StringComparison.Ordinal), File.ReadAllText(path)) }, kind, mustCompileFirst: true);
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
            Assert.True(fixedCount >= 3, file + ": the fixes removed only " + fixedCount + " diagnostics");
        }

        [Fact]
        public async Task Fix_all_on_every_rule_test_snippet_adds_no_compile_errors()
        {
            var problems = new List<string>();
            var fixedTotal = 0;
            var index = 0;
            foreach (var snippet in Robustness.TestSnippets())
            {
                var (fixedCount, snippetProblems) = await FixAllAndCompileAsync(new[] { ("Snippet" + index++ + ".cs", snippet) }, OutputKind.DynamicallyLinkedLibrary);
                fixedTotal += fixedCount;
                problems.AddRange(snippetProblems.Select(p => "snippet " + (index - 1) + ": " + p));
            }

            Assert.True(fixedTotal > 50, "the snippets' fixes removed only " + fixedTotal + " diagnostics");
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
        }

        /// <summary>Applies each provider's Fix All in turn; returns how many of our diagnostics disappeared and any new errors.</summary>
        private static async Task<(int Fixed, List<string> Problems)> FixAllAndCompileAsync(IReadOnlyList<(string Name, string Text)> sources, OutputKind kind, bool mustCompileFirst = false)
        {
            var problems = new List<string>();
            using var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Fix", "Fix", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: Robustness.References));
            foreach (var (name, text) in sources)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(text), filePath: "/0/" + name);
            }

            var current = await OurDiagnosticsAsync(solution.GetProject(projectId)!);
            if (current.IsEmpty)
            {
                return (0, problems);
            }

            var errorsBefore = await ErrorsAsync(solution.GetProject(projectId)!);
            if (mustCompileFirst && errorsBefore.Count > 0)
            {
                problems.Add("does not compile before any fix: " + string.Join("; ", errorsBefore.Take(5)));
            }

            var diagnosticsBefore = current.Length;
            var changed = false;

            foreach (var provider in Repository.CodeFixes)
            {
                var project = solution.GetProject(projectId)!;
                if (!current.Any(d => provider.FixableDiagnosticIds.Contains(d.Id)))
                {
                    continue;
                }

                if (changed)
                {
                    // Re-analyze only after an earlier provider changed the code.
                    current = await OurDiagnosticsAsync(project);
                    changed = false;
                }

                var diagnostics = current.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
                foreach (var group in diagnostics.GroupBy(d => d.Id))
                {
                    var first = group.First();
                    var document = project.GetDocument(first.Location.SourceTree);
                    if (document == null)
                    {
                        continue;
                    }

                    var actions = new List<CodeAction>();
                    await provider.RegisterCodeFixesAsync(new CodeFixContext(document, first, (a, _) => actions.Add(a), CancellationToken.None));
                    var fixAll = provider.GetFixAllProvider();
                    if (actions.Count == 0 || fixAll == null)
                    {
                        continue;
                    }

                    var context = new FixAllContext(document, provider, FixAllScope.Solution, actions[0].EquivalenceKey,
                        new[] { group.Key }, new Provider(diagnostics), CancellationToken.None);
                    var action = await fixAll.GetFixAsync(context);
                    if (action == null)
                    {
                        continue;
                    }

                    foreach (var operation in await action.GetOperationsAsync(CancellationToken.None))
                    {
                        if (operation is ApplyChangesOperation apply)
                        {
                            solution = apply.ChangedSolution;
                            changed = true;
                        }
                    }

                    project = solution.GetProject(projectId)!;
                }
            }

            var finalProject = solution.GetProject(projectId)!;
            var errorsAfter = await ErrorsAsync(finalProject);
            foreach (var error in errorsAfter.Except(errorsBefore))
            {
                problems.Add("new error after Fix All: " + error);
            }

            var diagnosticsAfter = (await OurDiagnosticsAsync(finalProject)).Length;
            return (diagnosticsBefore - diagnosticsAfter, problems);
        }

        private static async Task<HashSet<string>> ErrorsAsync(Project project)
        {
            var compilation = (await project.GetCompilationAsync())!;
            // Keyed by id and message (not position): fixes move code around.
            return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        }

        private static async Task<ImmutableArray<Diagnostic>> OurDiagnosticsAsync(Project project)
        {
            var compilation = (await project.GetCompilationAsync())!;
            var diagnostics = await Robustness.AnalyzeAsync(compilation);
            return diagnostics.Where(d => d.Id.StartsWith("CONC", StringComparison.Ordinal)).ToImmutableArray();
        }

        private sealed class Provider : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public Provider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Task.FromResult(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());
        }
    }
}
