using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
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
    /// <summary>Shared plumbing for the never-crash tests: sources, references, running analyzers and fixes.</summary>
    internal static class Robustness
    {
        private static readonly Regex VerbatimSnippet = new Regex("@\"(?<body>(?:[^\"]|\"\")*)\"", RegexOptions.Compiled);
        private static readonly Regex Markup = new Regex(@"\{\|(?:#\d+|[A-Za-z0-9]+):|\|\}|\[\||\|\]", RegexOptions.Compiled);

        public static ImmutableArray<MetadataReference> References { get; } = LoadReferences();

        /// <summary>C# snippets that the rule tests use (markup stripped): they hold every pattern the rules look for.</summary>
        public static IReadOnlyList<string> TestSnippets()
        {
            var testsDir = Path.Combine(Repository.Root, "tests", "ConcurrencyAnalyzers.Tests");
            var snippets = new List<string>();
            foreach (var file in Directory.EnumerateFiles(testsDir, "*Tests.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                if (file.Contains(Path.DirectorySeparatorChar + "Catalog" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match match in VerbatimSnippet.Matches(File.ReadAllText(file)))
                {
                    var body = match.Groups["body"].Value.Replace("\"\"", "\"");
                    if (body.Contains("class ", StringComparison.Ordinal) || body.Contains("await ", StringComparison.Ordinal))
                    {
                        snippets.Add(Usings + Markup.Replace(body, ""));
                    }
                }
            }

            return snippets;
        }

        public static IReadOnlyList<string> SampleAndSourceFiles()
        {
            var files = new List<string>();
            foreach (var dir in new[] { "samples", "src" })
            {
                files.AddRange(Directory.EnumerateFiles(Path.Combine(Repository.Root, dir), "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    .OrderBy(f => f, StringComparer.Ordinal));
            }

            return files.Select(File.ReadAllText).ToList();
        }

        public const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.IO;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        /// <summary>Deterministic damage: truncations, deleted tokens, unbalanced braces.</summary>
        public static IEnumerable<string> Mutations(string source, int seed, int count)
        {
            var random = new Random(seed);
            var tree = CSharpSyntaxTree.ParseText(source);
            var tokens = tree.GetRoot().DescendantTokens().ToList();
            for (var i = 0; i < count; i++)
            {
                switch (i % 4)
                {
                    case 0:
                        yield return source.Substring(0, random.Next(source.Length));
                        break;
                    case 1 when tokens.Count > 0:
                        var token = tokens[random.Next(tokens.Count)];
                        yield return source.Remove(token.SpanStart, token.Span.Length);
                        break;
                    case 2:
                        var brace = source.IndexOf('}', random.Next(source.Length));
                        yield return brace < 0 ? source + "{" : source.Remove(brace, 1);
                        break;
                    default:
                        if (tokens.Count > 0)
                        {
                            // Remove a run of tokens: a half-typed statement.
                            var start = random.Next(tokens.Count);
                            var end = Math.Min(tokens.Count - 1, start + random.Next(1, 6));
                            yield return source.Remove(tokens[start].SpanStart, tokens[end].Span.End - tokens[start].SpanStart);
                        }

                        break;
                }
            }
        }

        public static CSharpCompilation Compile(string source)
            => CSharpCompilation.Create(
                "Fuzz",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs") },
                References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        /// <summary>Runs every shipped analyzer; returns the analyzer diagnostics (AD0001 included if one threw).</summary>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false);
            return await compilation.WithAnalyzers(Repository.Analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        }

        /// <summary>Asks every fix provider for its actions on every diagnostic and computes each action; returns the exceptions.</summary>
        public static async Task<List<string>> RunFixesAsync(string source, ImmutableArray<Diagnostic> diagnostics)
        {
            var failures = new List<string>();
            using var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var documentId = DocumentId.CreateNewId(projectId);
            var solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Fuzz", "Fuzz", LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                    parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                    metadataReferences: References))
                .AddDocument(documentId, "Test0.cs", SourceText.From(source), filePath: "/0/Test0.cs");
            var document = solution.GetDocument(documentId)!;

            foreach (var diagnostic in diagnostics)
            {
                foreach (var provider in Repository.CodeFixes)
                {
                    if (!provider.FixableDiagnosticIds.Contains(diagnostic.Id))
                    {
                        continue;
                    }

                    var actions = new List<CodeAction>();
                    try
                    {
                        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                        await provider.RegisterCodeFixesAsync(context);
                        foreach (var action in actions)
                        {
                            await action.GetOperationsAsync(CancellationToken.None);
                        }
                    }
                    catch (Exception ex)
                    {
                        failures.Add(provider.GetType().Name + " on " + diagnostic + ": " + ex);
                    }
                }
            }

            return failures;
        }

        private static ImmutableArray<MetadataReference> LoadReferences()
        {
            var tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
            return tpa.Split(Path.PathSeparator)
                .Where(p =>
                {
                    var name = Path.GetFileNameWithoutExtension(p);
                    return name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "netstandard" or "mscorlib"
                        || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal);
                })
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToImmutableArray();
        }
    }
}
