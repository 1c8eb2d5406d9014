using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ConcurrencyAnalyzers.Tests.Catalog
{
    /// <summary>The one analyzer the compiler loads: every rule runs through it, and configuration still applies per rule.</summary>
    public class ConcurrencyRulesAnalyzerTests
    {
        private const string Source = @"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task RunAsync(Task<int> t)
    {
        var x = {|#0:t.Result|};
        {|#1:Thread.Sleep(10)|};
        {|#2:SaveAsync()|};
        await Task.Yield();
    }

    Task SaveAsync() => Task.CompletedTask;
}";

        private static DiagnosticResult Wait => new DiagnosticResult("CONC0101", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithArguments(".Result", "method", "RunAsync", "await");

        private static DiagnosticResult Sleep => new DiagnosticResult("CONC0202", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Thread.Sleep", "method", "RunAsync");

        private static DiagnosticResult Dropped => new DiagnosticResult("CONC0404", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(2).WithArguments("SaveAsync", "method", "RunAsync", "await it");

        [Fact]
        public Task Rules_sharing_an_operation_kind_all_report_through_the_one_registration()
            => RunAsync(globalConfig: null, editorConfig: null, Wait, Sleep, Dropped);

        [Fact]
        public Task A_rule_turned_off_in_global_config_is_silent_and_the_others_still_report()
            => RunAsync("dotnet_diagnostic.CONC0404.severity = none", editorConfig: null, Wait, Sleep);

        [Fact]
        public Task A_rule_off_in_global_config_but_on_in_a_files_editorconfig_still_reports_there()
            => RunAsync("dotnet_diagnostic.CONC0404.severity = none", "dotnet_diagnostic.CONC0404.severity = warning", Wait, Sleep, Dropped);

        private static async Task RunAsync(string? globalConfig, string? editorConfig, params DiagnosticResult[] expected)
        {
            var test = new CSharpAnalyzerTest<ConcurrencyRulesAnalyzer, DefaultVerifier>
            {
                TestCode = Source,
                ReferenceAssemblies = TestReferences.Default,
            };
            if (globalConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
            }

            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + editorConfig));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }
    }
}
