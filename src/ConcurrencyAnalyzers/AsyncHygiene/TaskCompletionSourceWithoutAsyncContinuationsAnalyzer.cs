using System.Collections.Immutable;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.AsyncHygiene
{
    /// <summary>
    /// CONC0405: `new TaskCompletionSource()` / `new TaskCompletionSource&lt;T&gt;()` without
    /// `TaskCreationOptions.RunContinuationsAsynchronously`, including the classic slip of passing
    /// `TaskContinuationOptions.RunContinuationsAsynchronously`, which binds to the `object state`
    /// parameter and sets nothing. Options that are not a compile-time constant are not reported.
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class TaskCompletionSourceWithoutAsyncContinuationsAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property present when a TaskContinuationOptions value was passed as the state.</summary>
        public const string WrongEnumProperty = "WrongEnum";

        private const int RunContinuationsAsynchronously = 64;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0405_TaskCompletionSourceWithoutAsyncContinuations);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known.TaskCompletionSourceOfT == null || known.TaskCreationOptions == null)
                {
                    return;
                }

                start.RegisterOperationAction(ctx => Analyze(ctx, known), OperationKind.ObjectCreation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Type?.OriginalDefinition;
            if ((!KnownSymbols.Is(type, known.TaskCompletionSourceOfT) && !KnownSymbols.Is(type, known.TaskCompletionSource))
                || creation.Syntax.ContainsDiagnostics)
            {
                return;
            }

            var wrongEnum = false;
            foreach (var argument in creation.Arguments)
            {
                var parameterType = argument.Parameter?.Type;
                if (KnownSymbols.Is(parameterType, known.TaskCreationOptions))
                {
                    var value = argument.Value.ConstantValue;
                    if (!value.HasValue || value.Value is not int flags || (flags & RunContinuationsAsynchronously) != 0)
                    {
                        return;
                    }
                }
                else if (argument.Value is IConversionOperation { Operand.Type: { } operandType }
                    && KnownSymbols.Is(operandType, known.TaskContinuationOptions))
                {
                    wrongEnum = true;
                }
            }

            var properties = wrongEnum
                ? ImmutableDictionary<string, string?>.Empty.Add(WrongEnumProperty, "true")
                : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CONC0405_TaskCompletionSourceWithoutAsyncContinuations,
                creation.Syntax.GetLocation(),
                properties,
                creation.Type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                wrongEnum
                    ? "the 'TaskContinuationOptions' value binds to the 'state' parameter; pass 'TaskCreationOptions.RunContinuationsAsynchronously'"
                    : "pass 'TaskCreationOptions.RunContinuationsAsynchronously'"));
        }
    }
}
