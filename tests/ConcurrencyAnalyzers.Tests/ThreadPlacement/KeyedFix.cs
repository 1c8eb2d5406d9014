using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ConcurrencyAnalyzers.Tests.ThreadPlacement
{
    /// <summary>Applies one named code action (by equivalence key) where a fix offers several.</summary>
    internal static class KeyedFix<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static Task VerifyAsync(string source, string fixedSource, string equivalenceKey, params DiagnosticResult[] expected)
            => VerifyAsync(new[] { source }, new[] { fixedSource }, equivalenceKey, null, expected);

        public static async Task VerifyAsync(string[] sources, string[] fixedSources, string equivalenceKey, string? editorConfig, params DiagnosticResult[] expected)
        {
            var test = new CodeFixVerifier<TAnalyzer, TCodeFix>.Test { CodeActionEquivalenceKey = equivalenceKey };
            for (var i = 0; i < sources.Length; i++)
            {
                test.TestState.Sources.Add(($"/0/Test{i}.cs", sources[i]));
                test.FixedState.Sources.Add(($"/0/Test{i}.cs", fixedSources[i]));
            }

            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*]\n" + editorConfig));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }
    }
}
