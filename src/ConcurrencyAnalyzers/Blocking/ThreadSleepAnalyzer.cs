using System.Collections.Immutable;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Blocking
{
    /// <summary>
    /// CONC0202: Thread.Sleep inside an async method, async local function or async lambda.
    /// `Thread.Sleep(0)` (a yield of the time slice, not a wait) and code in non-async lambdas, which
    /// run wherever their delegate is invoked, are not reported.
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class ThreadSleepAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0202_ThreadSleepInAsyncCode);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known.Thread == null || known.Task == null)
                {
                    return;
                }

                start.RegisterOperationAction(
                    ctx =>
                    {
                        var invocation = (IInvocationOperation)ctx.Operation;
                        var method = invocation.TargetMethod;
                        if (method.Name != "Sleep" || !method.IsStatic || !KnownSymbols.Is(method.ContainingType, known.Thread)
                            || TaskWaits.HasZeroTimeout(invocation))
                        {
                            return;
                        }

                        if (!AsyncContext.IsInAsyncCode(invocation, ctx.ContainingSymbol, known, out var function)
                            || SharedCore.IsOnSyncBranch(invocation.Syntax))
                        {
                            return;
                        }

                        ctx.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.CONC0202_ThreadSleepInAsyncCode,
                            invocation.Syntax.GetLocation(),
                            "Thread.Sleep",
                            function.KindDisplay,
                            function.NameDisplay));
                    },
                    OperationKind.Invocation);
            });
        }
    }
}
