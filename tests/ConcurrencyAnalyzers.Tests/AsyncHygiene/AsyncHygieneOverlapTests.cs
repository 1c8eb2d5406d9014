using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Tests.Catalog;
using ConcurrencyAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ConcurrencyAnalyzers.Tests.AsyncHygiene
{
    /// <summary>
    /// One misuse, one diagnostic: runs the SyncOverAsync and AsyncHygiene analyzers together on lines
    /// where two of them could both claim the same code.
    /// </summary>
    public class AsyncHygieneOverlapTests
    {
        [Fact]
        public async Task Each_line_gets_one_diagnostic_from_the_two_families()
        {
            var test = new Test
            {
                TestCode = @"
using System.Threading.Tasks;

class C
{
    async Task M(Task t)
    {
        {|#0:t.Wait()|};
        {|#1:SaveAsync().GetAwaiter().GetResult()|};
        {|#2:Task.Factory.StartNew(async () => await SaveAsync())|};
        Task.Factory.StartNew(async () => await SaveAsync(), TaskCreationOptions.LongRunning);
        {|#3:SaveAsync()|};
    }

    void N()
    {
        {|#4:Task.Factory.StartNew(async () => await SaveAsync())|};
        {|#5:SaveAsync().Wait()|};
    }

    Task SaveAsync() => Task.CompletedTask;
}",
            };
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CONC0101", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithArguments(".Wait()", "method", "M", "await"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CONC0101", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(1).WithArguments(".GetAwaiter().GetResult()", "method", "M", "await"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CONC0403", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(2).WithArguments("Task.Factory.StartNew", "Task.Run"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CONC0404", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(3).WithArguments("SaveAsync", "method", "M", "await it"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CONC0403", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(4).WithArguments("Task.Factory.StartNew", "Task.Run"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CONC0102", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(5).WithArguments(".Wait()", "method", "N", "make 'N' async and await the task"));
            await test.RunAsync(CancellationToken.None);
        }

        private sealed class Test : CSharpAnalyzerTest<ConcurrencyAnalyzers.AsyncHygiene.DroppedTaskAnalyzer, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = TestReferences.Default;
            }

            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers()
                => ConcurrencyAnalyzers.Rules.ConcurrencyRulesAnalyzer.CreateRules().Where(a =>
                    a.GetType().Namespace == "ConcurrencyAnalyzers.SyncOverAsync" || a.GetType().Namespace == "ConcurrencyAnalyzers.AsyncHygiene");
        }
    }
}
