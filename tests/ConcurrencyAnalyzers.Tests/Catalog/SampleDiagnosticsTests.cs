using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.Tests.Catalog
{
    /// <summary>
    /// The sample app is the package's demo: what its build shows must be exactly its tagged lines.
    /// Compiles the sample sources in-process against the running framework (ASP.NET Core included)
    /// and runs every analyzer the package ships.
    /// </summary>
    public class SampleDiagnosticsTests
    {
        [Fact]
        public async Task Sample_diagnostics_match_the_tagged_lines_exactly()
        {
            var sampleDir = Path.Combine(Repository.Root, "samples", "ConcurrencyAnalyzers.Samples");
            var files = Directory.EnumerateFiles(sampleDir, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            Assert.NotEmpty(files);

            var options = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, path: f)).ToList();
            var compilation = CSharpCompilation.Create(
                "Samples",
                trees,
                FrameworkReferences(),
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "sample does not compile:\n" + string.Join("\n", errors));

            var diagnostics = await compilation
                .WithAnalyzers(Repository.Analyzers, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty))
                .GetAnalyzerDiagnosticsAsync();

            var crashes = diagnostics.Where(d => d.Id == "AD0001").ToList();
            Assert.True(crashes.Count == 0, "analyzer crashed:\n" + string.Join("\n", crashes));

            var actual = diagnostics
                .Where(d => d.Id.StartsWith("CONC", StringComparison.Ordinal))
                .Select(d => Key(d.Location.SourceTree!.FilePath, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))
                .OrderBy(k => k, StringComparer.Ordinal)
                .ToList();

            var expected = files
                .SelectMany(f => SampleTags.Parse(File.ReadAllLines(f)).Select(t => Key(f, t.Line, t.Id)))
                .OrderBy(k => k, StringComparer.Ordinal)
                .ToList();

            var missing = expected.Except(actual).ToList();
            var unexpected = actual.Except(expected).ToList();
            Assert.True(missing.Count == 0 && unexpected.Count == 0,
                "tagged but not reported:\n  " + string.Join("\n  ", missing) + "\nreported but not tagged:\n  " + string.Join("\n  ", unexpected));
        }

        private static string Key(string path, int line, string id)
            => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/') + ":" + line + " " + id;

        private static IEnumerable<MetadataReference> FrameworkReferences()
        {
            var tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
            foreach (var path in tpa.Split(Path.PathSeparator))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                if (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                    || name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal) || name is "System" or "netstandard" or "mscorlib" or "Microsoft.Win32.Primitives")
                {
                    yield return MetadataReference.CreateFromFile(path);
                }
            }
        }
    }
}
