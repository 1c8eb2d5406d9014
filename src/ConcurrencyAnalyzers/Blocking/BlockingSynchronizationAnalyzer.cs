using System.Collections.Immutable;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Blocking
{
    /// <summary>
    /// CONC0203: blocking synchronization (see <see cref="BlockingSynchronization"/>) inside async code.
    /// A `lock` statement is never reported: without an await inside (which the compiler forbids) it is fine.
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class BlockingSynchronizationAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property present when an awaitable form exists (SemaphoreSlim.WaitAsync).</summary>
        public const string FixableProperty = "HasAwaitableForm";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0203_BlockingSynchronizationInAsyncCode);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known.Task == null)
                {
                    return;
                }

                start.RegisterOperationAction(
                    ctx =>
                    {
                        var invocation = (IInvocationOperation)ctx.Operation;
                        if (!BlockingSynchronization.TryClassify(invocation, known, out var call))
                        {
                            return;
                        }

                        if (!AsyncContext.IsInAsyncCode(invocation, ctx.ContainingSymbol, known, out var function)
                            || SharedCore.IsOnSyncBranch(invocation.Syntax))
                        {
                            return;
                        }

                        var properties = call.HasAwaitableForm
                            ? ImmutableDictionary<string, string?>.Empty.Add(FixableProperty, "true")
                            : ImmutableDictionary<string, string?>.Empty;
                        ctx.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.CONC0203_BlockingSynchronizationInAsyncCode,
                            invocation.Syntax.GetLocation(),
                            properties,
                            call.Display,
                            function.KindDisplay,
                            function.NameDisplay,
                            call.Advice));
                    },
                    OperationKind.Invocation);
            });
        }
    }
}
