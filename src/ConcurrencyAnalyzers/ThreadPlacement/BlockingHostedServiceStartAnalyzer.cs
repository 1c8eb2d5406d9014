using System.Collections.Immutable;
using ConcurrencyAnalyzers.Options;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.ThreadPlacement
{
    /// <summary>
    /// CONC0303: `IHostedService.StartAsync` (and `BackgroundService.ExecuteAsync` before .NET 10,
    /// whose BackgroundService ran it inline up to the first await) doing blocking or CPU work
    /// before its first await: a never-ending or blocking loop, a blocking call, a CPU-heavy loop or
    /// call. The first such statement is reported; the host's start waits for it.
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class BlockingHostedServiceStartAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: "true" when the method is async (the `await Task.Yield()` fix applies).</summary>
        public const string AsyncProperty = "Async";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0303_BlockingHostedServiceStart);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known.HostedService == null && known.BackgroundService == null)
                {
                    return;
                }

                // .NET 10 moved all of BackgroundService.ExecuteAsync onto the thread pool; StartAsync still runs inline.
                var executeRunsInline = known.BackgroundService != null && known.BackgroundService.ContainingAssembly.Identity.Version.Major < 10;
                start.RegisterOperationAction(ctx => Analyze(ctx, known, executeRunsInline), OperationKind.MethodBody);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known, bool executeRunsInline)
        {
            // Cheapest first: the name filters almost every method out before the symbol checks run.
            if (context.ContainingSymbol is not IMethodSymbol method
                || (method.Name != "StartAsync" && method.Name != "ExecuteAsync" && method.MethodKind != MethodKind.ExplicitInterfaceImplementation)
                || !ExecutionContext.IsHostedServiceStart(method, known))
            {
                return;
            }

            if (method.Name == "ExecuteAsync" && !executeRunsInline && ExecutionContext.DerivesFrom(method.ContainingType, known.BackgroundService))
            {
                return;
            }

            var body = (IMethodBodyOperation)context.Operation;
            var block = body.BlockBody ?? body.ExpressionBody;
            if (block == null)
            {
                return;
            }

            var minCost = RuleOptions.GetInt(context.Options, body.Syntax.SyntaxTree, RuleIds.BlockingHostedServiceStart, CpuHeavyWorkOnCallerThreadAnalyzer.MinCostOption, (int)LoopCost.DefaultMinCost);
            foreach (var statement in block.ChildOperations)
            {
                if (FindOffender(statement, known, minCost, method.IsAsync, context.CancellationToken, out var location, out var display))
                {
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(AsyncProperty, method.IsAsync ? "true" : "false");
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.CONC0303_BlockingHostedServiceStart,
                        location,
                        properties,
                        display,
                        method.Name,
                        method.IsAsync
                            ? "start with 'await Task.Yield()' or move the work into 'Task.Run'"
                            : "move the work into 'Task.Run' or a dedicated thread"));
                    return;
                }

                if (LoopCost.ContainsAwait(statement))
                {
                    // The rest runs after the first await, off the host's start path.
                    return;
                }
            }
        }

        /// <summary>The first blocking or CPU-heavy thing in a statement that has no await (nested functions skipped).</summary>
        private static bool FindOffender(IOperation statement, KnownSymbols known, long minCost, bool inAsyncMethod, System.Threading.CancellationToken cancellationToken, out Location location, out string display)
        {
            foreach (var node in statement.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (LoopCost.IsInNestedFunction(node, statement))
                {
                    continue;
                }

                switch (node)
                {
                    case IAwaitOperation:
                        // Anything from here on may run after the first await.
                        location = Location.None;
                        display = "";
                        return false;
                    case ILoopOperation loop:
                        if (LoopCost.ContainsAwait(loop))
                        {
                            // The loop's first pass runs before its await; only the part before the await is inline, keep looking inside.
                            continue;
                        }

                        if (IsNeverEnding(loop, known))
                        {
                            location = loop.Syntax.GetFirstToken().GetLocation();
                            display = "A never-ending '" + loop.Syntax.GetFirstToken().ValueText + "' loop";
                            return true;
                        }

                        if (BlockingCallIn(loop, known) is { } blockingInLoop)
                        {
                            location = loop.Syntax.GetFirstToken().GetLocation();
                            display = "A '" + loop.Syntax.GetFirstToken().ValueText + "' loop blocking on '" + Display(blockingInLoop) + "'";
                            return true;
                        }

                        if (LoopCost.Estimate(loop, known, cancellationToken) >= minCost)
                        {
                            location = loop.Syntax.GetFirstToken().GetLocation();
                            display = "A CPU-heavy '" + loop.Syntax.GetFirstToken().ValueText + "' loop";
                            return true;
                        }

                        break;
                    case IInvocationOperation invocation:
                        // In an async method a single blocking call or wait is already reported where it
                        // stands (CONC0101, CONC0201-0203): one diagnostic per misuse.
                        if ((!inAsyncMethod && BlockingCalls.Classify(invocation, known) != BlockingKind.None) || LoopCost.SingleCallCost(invocation, known) >= minCost)
                        {
                            location = ThreadPlacementFacts.CalleeLocation(invocation);
                            display = "'" + Display(invocation) + "'";
                            return true;
                        }

                        break;
                    case IPropertyReferenceOperation property when !inAsyncMethod && TaskWaits.TryGetWait(property, known, out _):
                        location = property.Syntax.GetLocation();
                        display = "'.Result'";
                        return true;
                }
            }

            location = Location.None;
            display = "";
            return false;
        }

        private static IInvocationOperation? BlockingCallIn(ILoopOperation loop, KnownSymbols known)
        {
            foreach (var node in loop.DescendantsAndSelf())
            {
                if (node is IInvocationOperation invocation && !LoopCost.IsInNestedFunction(node, loop) && BlockingCalls.Classify(invocation, known) != BlockingKind.None)
                {
                    return invocation;
                }
            }

            return null;
        }

        private static bool IsNeverEnding(ILoopOperation loop, KnownSymbols known)
        {
            if (LoopCost.IsUnbounded(loop))
            {
                return true;
            }

            // while (!stoppingToken.IsCancellationRequested) { ... } without an await never gives the start back.
            var condition = loop switch
            {
                IWhileLoopOperation whileLoop => whileLoop.Condition,
                IForLoopOperation forLoop => forLoop.Condition,
                _ => null,
            };

            while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                condition = not.Operand;
            }

            return condition is IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" } property
                && KnownSymbols.Is(property.Property.ContainingType, known.CancellationToken);
        }

        private static string Display(IInvocationOperation invocation)
            => (invocation.TargetMethod.ContainingType?.Name ?? "?") + "." + invocation.TargetMethod.Name;
    }
}
