using System.Collections.Immutable;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.ThreadPlacement
{
    /// <summary>
    /// CONC0304: `Task.Factory.StartNew(async () => ..., TaskCreationOptions.LongRunning)`. The
    /// dedicated thread leaves at the first await and the caller gets a Task&lt;Task&gt;.
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class LongRunningAsyncDelegateAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: "true" when the async delegate contains no await, so a synchronous body keeps the dedicated thread.</summary>
        public const string NoAwaitProperty = "NoAwait";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0304_LongRunningWithAsyncDelegate);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known.TaskFactory == null || known.TaskCreationOptions == null)
                {
                    return;
                }

                start.RegisterOperationAction(ctx => Analyze(ctx, known), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name != "StartNew")
            {
                return;
            }

            var type = method.ContainingType?.OriginalDefinition;
            if (!KnownSymbols.Is(type, known.TaskFactory) && !KnownSymbols.Is(type, known.TaskFactoryOfT))
            {
                return;
            }

            if (!ThreadPlacementFacts.HasLongRunning(invocation.Arguments, known))
            {
                return;
            }

            IArgumentOperation? delegateArgument = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                {
                    delegateArgument = argument;
                    break;
                }
            }

            if (delegateArgument == null || !ThreadPlacementFacts.IsAsyncDelegate(delegateArgument.Value, out var body))
            {
                return;
            }

            var noAwait = body != null && !LoopCost.ContainsAwait(body);
            var function = AsyncContext.Find(invocation, context.ContainingSymbol, known);
            var properties = ImmutableDictionary<string, string?>.Empty.Add(NoAwaitProperty, noAwait ? "true" : "false");
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CONC0304_LongRunningWithAsyncDelegate,
                ThreadPlacementFacts.CalleeLocation(invocation),
                properties,
                "Task.Factory.StartNew",
                function.NameDisplay,
                noAwait ? "drop 'async' to keep the dedicated thread for a synchronous body, or use 'Task.Run(async ...)'" : "use 'Task.Run(async ...)'"));
        }
    }
}
