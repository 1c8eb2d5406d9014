using System.Collections.Immutable;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.AsyncHygiene
{
    /// <summary>
    /// CONC0403: `Task.Factory.StartNew` (or any TaskFactory's StartNew) with a delegate that returns a
    /// task, giving a `Task&lt;Task&gt;`. Not reported: results that are unwrapped (`.Unwrap()`, `await await`),
    /// and LongRunning calls (CONC0304 reports those).
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class StartNewWithAsyncDelegateAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property present when the call maps onto Task.Run exactly (receiver is Task.Factory, only delegate and token).</summary>
        public const string TaskRunProperty = "TaskRun";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0403_StartNewWithAsyncDelegate);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known.Task == null || known.TaskFactory == null)
                {
                    return;
                }

                start.RegisterOperationAction(ctx => Analyze(ctx, known), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!StartNewCalls.ReturnsTaskOfTask(invocation, known) || StartNewCalls.IsLongRunning(invocation, known) || IsUnwrapped(invocation))
            {
                return;
            }

            var onTaskFactory = invocation.Instance is IPropertyReferenceOperation { Property.Name: "Factory", Property.IsStatic: true } factory
                && KnownSymbols.Is(factory.Property.ContainingType?.OriginalDefinition, known.Task);
            var mapsToRun = onTaskFactory && MapsToTaskRun(invocation, known);
            var properties = mapsToRun
                ? ImmutableDictionary<string, string?>.Empty.Add(TaskRunProperty, "true")
                : ImmutableDictionary<string, string?>.Empty;

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CONC0403_StartNewWithAsyncDelegate,
                invocation.Syntax.GetLocation(),
                properties,
                onTaskFactory ? "Task.Factory.StartNew" : "TaskFactory.StartNew",
                mapsToRun ? "Task.Run" : ".Unwrap()"));
        }

        /// <summary>`StartNew(...).Unwrap()` or `await await StartNew(...)`: the inner task is observed.</summary>
        private static bool IsUnwrapped(IInvocationOperation invocation)
        {
            IOperation? parent = invocation.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Unwrap" } }
                || parent is IInvocationOperation { TargetMethod.Name: "Unwrap" })
            {
                return true;
            }

            if (parent is IAwaitOperation outer)
            {
                parent = outer.Parent;
                while (parent is IConversionOperation or IParenthesizedOperation)
                {
                    parent = parent.Parent;
                }

                return parent is IAwaitOperation;
            }

            return false;
        }

        /// <summary>
        /// Only the delegate and a CancellationToken (and the defaults Task.Run itself uses:
        /// DenyChildAttach/None and TaskScheduler.Default) carry over to Task.Run; a state object, other
        /// creation options or another scheduler do not.
        /// </summary>
        private static bool MapsToTaskRun(IInvocationOperation invocation, KnownSymbols known)
        {
            foreach (var argument in invocation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter == null)
                {
                    return false;
                }

                if (parameter.Type.TypeKind == TypeKind.Delegate)
                {
                    if (parameter.Type is INamedTypeSymbol { TypeArguments.Length: not 1 })
                    {
                        // Func<object, TResult>: a state argument that Task.Run has no place for.
                        return false;
                    }

                    continue;
                }

                if (KnownSymbols.Is(parameter.Type, known.CancellationToken))
                {
                    continue;
                }

                if (KnownSymbols.Is(parameter.Type, known.TaskCreationOptions))
                {
                    var value = argument.Value.ConstantValue;
                    if (value.HasValue && value.Value is int flags && (flags & ~8) == 0)
                    {
                        // None or DenyChildAttach (8): what Task.Run uses.
                        continue;
                    }

                    return false;
                }

                if (parameter.Type.Name == "TaskScheduler"
                    && argument.Value is IPropertyReferenceOperation { Property.Name: "Default", Property.IsStatic: true })
                {
                    continue;
                }

                return false;
            }

            return true;
        }
    }
}
