using System.Collections.Immutable;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.SyncOverAsync
{
    /// <summary>
    /// Finds synchronous waits on tasks. Inside async code they are CONC0101 (await instead); in
    /// synchronous code they are CONC0102 (sync-over-async). One analyzer reports both so each wait
    /// is recognised once.
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class BlockingTaskWaitAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0101_BlockingWaitInAsyncCode, Descriptors.CONC0102_SyncOverAsync);

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
                        if (TaskWaits.TryGetWait((IPropertyReferenceOperation)ctx.Operation, known, out var wait))
                        {
                            Report(ctx, wait, known);
                        }
                    },
                    OperationKind.PropertyReference);

                start.RegisterOperationAction(
                    ctx =>
                    {
                        if (TaskWaits.TryGetWait((IInvocationOperation)ctx.Operation, known, out var wait))
                        {
                            Report(ctx, wait, known);
                        }
                    },
                    OperationKind.Invocation);
            });
        }

        private static void Report(OperationAnalysisContext context, TaskWait wait, KnownSymbols known)
        {
            var function = AsyncContext.Find(wait.Operation, context.ContainingSymbol, known);
            if (function.IsInNameOf || function.IsInExpressionTree)
            {
                return;
            }

            if (!function.IsAsync && ExecutionContext.IsConsoleEntryPoint(function))
            {
                // No SynchronizationContext in a console Main: blocking there is the pre-async-Main idiom.
                return;
            }

            if (wait.Task != null
                ? TaskFacts.IsKnownComplete(wait.Task, wait.Operation, known, context.CancellationToken)
                : AllKnownComplete(wait, known, context.CancellationToken))
            {
                return;
            }

            // `if (context.IsSynchronous) task.GetAwaiter().GetResult();`: the caller asked for a blocking run.
            if (SharedCore.IsOnSyncBranch(wait.Operation.Syntax) || IsSyncDisposeOverDisposeAsync(wait, function, known))
            {
                return;
            }

            var location = ReportedLocation(wait.Operation.Syntax);
            if (function.IsAsync)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.CONC0101_BlockingWaitInAsyncCode,
                    location,
                    wait.Display,
                    function.KindDisplay,
                    function.NameDisplay,
                    wait.AwaitAlternative));
            }
            else
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.CONC0102_SyncOverAsync,
                    location,
                    wait.Display,
                    function.KindDisplay,
                    function.NameDisplay,
                    Advice(function)));
            }
        }

        /// <summary>
        /// `Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult()` in a type that implements
        /// IAsyncDisposable: the async path the advice would ask for is already there, and a synchronous
        /// Dispose must exist for `using` callers. Reporting it would only tell the author what they chose.
        /// </summary>
        private static bool IsSyncDisposeOverDisposeAsync(TaskWait wait, EnclosingFunction function, KnownSymbols known)
        {
            return function.Kind == FunctionKind.Method && function.Symbol is { Name: "Dispose" or "Close" } method
                && wait.Task != null
                && TaskFacts.UnwrapTask(wait.Task) is IInvocationOperation { TargetMethod.Name: "DisposeAsync" }
                && ExecutionContext.Implements(method.ContainingType, known.IAsyncDisposable);
        }

        private static bool AllKnownComplete(TaskWait wait, KnownSymbols known, System.Threading.CancellationToken cancellationToken)
        {
            if (wait.WaitedTasks.IsDefaultOrEmpty)
            {
                return false;
            }

            foreach (var task in wait.WaitedTasks)
            {
                if (!TaskFacts.IsKnownComplete(task, wait.Operation, known, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The blocking expression; for `t?.Result` the span runs from the receiver to the member.</summary>
        private static Location ReportedLocation(SyntaxNode syntax)
        {
            var tree = syntax.SyntaxTree;
            for (var node = syntax; node != null; node = node.Parent)
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalAccessExpressionSyntax conditional
                    && conditional.WhenNotNull.Span.Contains(syntax.Span))
                {
                    return Location.Create(tree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(conditional.SpanStart, syntax.Span.End));
                }

                if (node is not (Microsoft.CodeAnalysis.CSharp.Syntax.MemberBindingExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax
                    or Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalAccessExpressionSyntax))
                {
                    break;
                }
            }

            return syntax.GetLocation();
        }

        private static string Advice(EnclosingFunction function)
        {
            switch (function.Kind)
            {
                case FunctionKind.Constructor:
                    return "move the asynchronous work into an async factory method";
                case FunctionKind.PropertyAccessor:
                    return "expose an async method instead of the property";
                case FunctionKind.Lambda:
                    return "make the lambda async and await the task";
                case FunctionKind.None:
                    return "initialize lazily from an async method";
                default:
                    if (function.Symbol?.Name == "Dispose")
                    {
                        return "implement IAsyncDisposable and await the task in DisposeAsync";
                    }

                    return "make '" + function.NameDisplay + "' async and await the task";
            }
        }
    }
}
