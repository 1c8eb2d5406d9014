using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using ConcurrencyAnalyzers.Options;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ConcurrencyAnalyzers.ThreadPlacement
{
    /// <summary>
    /// CONC0301: CPU-heavy work inline on a request, UI or startup thread inside an async member:
    /// a loop with no await whose estimated cost (<see cref="LoopCost"/>) reaches `min_cost`, a call
    /// that is CPU-heavy by itself (synchronous Parallel loop, PLINQ materialization, key derivation),
    /// or an awaited "fake async" method that computes synchronously and returns a completed task.
    /// Hosted-service start paths belong to CONC0303.
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class CpuHeavyWorkOnCallerThreadAnalyzer : DiagnosticAnalyzer
    {
        public const string MinCostOption = "min_cost";
        public const string ContextsOption = "contexts";

        /// <summary>Diagnostic property: which fix shape applies ("Loop", "Call").</summary>
        public const string ShapeProperty = "Shape";

        /// <summary>Diagnostic property: "true" for unbounded or very long loops (the dedicated-thread action is offered).</summary>
        public const string LongProperty = "Long";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0301_CpuHeavyLoopOnCallerThread);

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

                var state = new State(known, start.Compilation);
                start.RegisterOperationAction(ctx => AnalyzeLoop(ctx, state), OperationKind.Loop);
                // Awaited calls are found from the call (its parent is the await): no callback per await.
                start.RegisterOperationAction(ctx => AnalyzeInvocation(ctx, state), OperationKind.Invocation);
            });
        }

        private sealed class State
        {
            public State(KnownSymbols known, Compilation compilation)
            {
                Known = known;
                Compilation = compilation;
            }

            public KnownSymbols Known { get; }

            public Compilation Compilation { get; }

            public CallerThreadCache Callers { get; } = new CallerThreadCache();

            private readonly ConcurrentDictionary<SyntaxTree, TreeOptions> _options = new ConcurrentDictionary<SyntaxTree, TreeOptions>();

            // Files that share an options object share what was read from it (every file, without an .editorconfig).
            private readonly ConcurrentDictionary<AnalyzerConfigOptions, TreeOptions> _optionsByConfig = new ConcurrentDictionary<AnalyzerConfigOptions, TreeOptions>();

            /// <summary>The rule's `.editorconfig` options for one file, read once.</summary>
            public TreeOptions OptionsFor(AnalyzerOptions options, SyntaxTree tree)
            {
                if (_options.TryGetValue(tree, out var cached))
                {
                    return cached;
                }

                var config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
                if (!_optionsByConfig.TryGetValue(config, out var read))
                {
                    read = new TreeOptions(
                        RuleOptions.GetList(config, RuleIds.CpuHeavyLoopOnCallerThread, ExecutionContext.EntryPointsOption),
                        RuleOptions.GetList(config, RuleIds.CpuHeavyLoopOnCallerThread, ContextsOption),
                        RuleOptions.GetInt(config, RuleIds.CpuHeavyLoopOnCallerThread, MinCostOption, (int)LoopCost.DefaultMinCost));
                    _optionsByConfig.TryAdd(config, read);
                }

                _options.TryAdd(tree, read);
                return read;
            }

            /// <summary>Per source method: the CPU cost it does synchronously before handing back a completed task (0: not fake async).</summary>
            public ConcurrentDictionary<IMethodSymbol, long> FakeAsyncCost { get; } = new ConcurrentDictionary<IMethodSymbol, long>(SymbolEqualityComparer.Default);
        }

        private sealed class TreeOptions
        {
            public TreeOptions(ImmutableArray<string> entryPoints, ImmutableArray<string> contexts, long minCost)
            {
                EntryPoints = entryPoints;
                Contexts = contexts;
                MinCost = minCost;
            }

            public ImmutableArray<string> EntryPoints { get; }

            public ImmutableArray<string> Contexts { get; }

            public long MinCost { get; }
        }

        private static void AnalyzeLoop(OperationAnalysisContext context, State state)
        {
            var loop = (ILoopOperation)context.Operation;
            if (loop is IForEachLoopOperation { IsAsynchronous: true })
            {
                return;
            }

            var function = AsyncContext.Find(loop, context.ContainingSymbol, state.Known);
            if (!function.IsAsync || function.IsInExpressionTree)
            {
                return;
            }

            // Where the code runs is memoized per method: ask it before walking the loop.
            if (!TryGetCaller(context, function, state, loop, out var caller, out var minCost) || HasEnclosingComputingLoop(loop))
            {
                return;
            }

            // The cost first: most loops are cheap, and then the second walk (for awaits outside the body) is not needed.
            var cost = LoopCost.Estimate(loop, state.Known, context.CancellationToken);
            if (cost < minCost || LoopCost.ContainsAwait(loop))
            {
                return;
            }

            var isLong = LoopCost.IsUnbounded(loop) || LoopCost.Iterations(loop) >= 1_000_000 || cost >= LoopCost.VeryLong;
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(ShapeProperty, "Loop")
                .Add(LongProperty, isLong ? "true" : "false");
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CONC0301_CpuHeavyLoopOnCallerThread,
                HeaderLocation(loop.Syntax),
                properties,
                "CPU-heavy '" + Keyword(loop.Syntax) + "' loop",
                ThreadDisplay(caller),
                function.NameDisplay,
                isLong ? "offload it with 'await Task.Run(...)' or run it on a dedicated thread" : "offload it with 'await Task.Run(...)'"));
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, State state)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (AwaitOf(invocation) is { } awaitOperation)
            {
                AnalyzeAwait(context, state, awaitOperation, invocation);
            }

            var cost = LoopCost.SingleCallCost(invocation, state.Known);
            if (cost == 0)
            {
                return;
            }

            var function = AsyncContext.Find(invocation, context.ContainingSymbol, state.Known);
            if (!function.IsAsync || function.IsInExpressionTree)
            {
                return;
            }

            if (!TryGetCaller(context, function, state, invocation, out var caller, out var minCost) || cost < minCost || HasEnclosingComputingLoop(invocation))
            {
                return;
            }

            var method = invocation.TargetMethod;
            var properties = ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, "Call").Add(LongProperty, "false");
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CONC0301_CpuHeavyLoopOnCallerThread,
                ThreadPlacementFacts.CalleeLocation(invocation),
                properties,
                "CPU-heavy call '" + method.ContainingType.Name + "." + method.Name + "'",
                ThreadDisplay(caller),
                function.NameDisplay,
                "offload it with 'await Task.Run(...)'"));
        }

        /// <summary>
        /// The await whose awaited call this is: `await call`, `await (T)call` or `await call.ConfigureAwait(x)`
        /// (for the last, the call inside, not ConfigureAwait itself); null when the call is not awaited so.
        /// </summary>
        private static IAwaitOperation? AwaitOf(IInvocationOperation invocation)
        {
            IOperation current = invocation;
            while (current.Parent is IConversionOperation conversion)
            {
                current = conversion;
            }

            switch (current.Parent)
            {
                case IAwaitOperation direct:
                    return current == invocation && invocation is { TargetMethod.Name: "ConfigureAwait", Instance: not null } ? null : direct;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Parent: IAwaitOperation awaitOperation } configure when configure.Instance == current:
                    return awaitOperation;
                default:
                    return null;
            }
        }

        private static void AnalyzeAwait(OperationAnalysisContext context, State state, IAwaitOperation awaitOperation, IInvocationOperation invocation)
        {
            // Cheapest first: a non-async, non-abstract, task-returning method declared in this compilation
            // (Locations is cached on the symbol; DeclaringSyntaxReferences builds a new array per call).
            if (invocation.TargetMethod is not { IsAsync: false, IsAbstract: false, IsExtern: false } target
                || target.Locations.IsEmpty || !target.Locations[0].IsInSource || !state.Known.IsTaskLike(target.ReturnType))
            {
                return;
            }

            var function = AsyncContext.Find(awaitOperation, context.ContainingSymbol, state.Known);
            if (!function.IsAsync || function.IsInExpressionTree)
            {
                return;
            }

            if (!TryGetCaller(context, function, state, awaitOperation, out var caller, out var minCost))
            {
                return;
            }

            target = target.OriginalDefinition;
            // No GetOrAdd lambda: it would capture locals and allocate on every await, found or not.
            if (!state.FakeAsyncCost.TryGetValue(target, out var cost))
            {
                cost = FakeAsyncCost(target, invocation, state, context.CancellationToken);
                state.FakeAsyncCost.TryAdd(target, cost);
            }

            if (cost < minCost)
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, "Call").Add(LongProperty, "false");
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CONC0301_CpuHeavyLoopOnCallerThread,
                ThreadPlacementFacts.CalleeLocation(invocation),
                properties,
                "'" + target.Name + "' computes synchronously and returns a completed task, so its CPU-heavy work",
                ThreadDisplay(caller),
                function.NameDisplay,
                "offload it with 'await Task.Run(() => " + target.Name + "(...))' or make '" + target.Name + "' async with the work in 'Task.Run'"));
        }

        /// <summary>
        /// The CPU cost of a "fake async" method: non-async, task-returning, every return a completed
        /// task (Task.FromResult, Task.CompletedTask, ValueTask), with a CPU-heavy loop or call inside.
        /// </summary>
        private static long FakeAsyncCost(IMethodSymbol method, IOperation site, State state, System.Threading.CancellationToken cancellationToken)
        {
            IOperation? body = null;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                SemanticModel? model;
                if (site.SemanticModel != null && reference.SyntaxTree == site.SemanticModel.SyntaxTree)
                {
                    model = site.SemanticModel;
                }
                else if (state.Compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    // The callee lives in another file: one model per callee, memoized by the caller of this method.
#pragma warning disable RS1030 // The awaited method's body is in another tree; there is no other way to read it, and the answer is cached per method.
                    model = state.Compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
                }
                else
                {
                    continue;
                }

                body = model.GetOperation(syntax, cancellationToken);
                break;
            }

            if (body == null)
            {
                return 0;
            }

            var returnsCompleted = false;
            long cost = 0;
            foreach (var node in body.DescendantsAndSelf())
            {
                if (LoopCost.IsInNestedFunction(node, body))
                {
                    continue;
                }

                switch (node)
                {
                    case IReturnOperation { ReturnedValue: { } value }:
                        if (!TaskFacts.IsKnownComplete(value, value, state.Known, cancellationToken) && !IsCompletedTaskExpression(value, state.Known))
                        {
                            return 0;
                        }

                        returnsCompleted = true;
                        break;
                    case ILoopOperation loop when !HasEnclosingComputingLoop(loop):
                        cost = Math.Max(cost, LoopCost.Estimate(loop, state.Known, cancellationToken));
                        break;
                    case IInvocationOperation call:
                        cost = Math.Max(cost, LoopCost.SingleCallCost(call, state.Known));
                        break;
                }
            }

            return returnsCompleted ? cost : 0;
        }

        private static bool IsCompletedTaskExpression(IOperation value, KnownSymbols known)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            switch (value)
            {
                case IInvocationOperation { TargetMethod.Name: "FromResult" or "FromException" or "FromCanceled" } invocation:
                    return KnownSymbols.Is(invocation.TargetMethod.ContainingType?.OriginalDefinition, known.Task)
                        || KnownSymbols.Is(invocation.TargetMethod.ContainingType?.OriginalDefinition, known.ValueTask);
                case IPropertyReferenceOperation { Property.Name: "CompletedTask" } property:
                    return KnownSymbols.Is(property.Property.ContainingType?.OriginalDefinition, known.Task)
                        || KnownSymbols.Is(property.Property.ContainingType?.OriginalDefinition, known.ValueTask);
                case IObjectCreationOperation creation:
                    return KnownSymbols.Is(creation.Type?.OriginalDefinition, known.ValueTaskOfT) || KnownSymbols.Is(creation.Type?.OriginalDefinition, known.ValueTask);
                case IDefaultValueOperation defaultValue:
                    return KnownSymbols.Is(defaultValue.Type?.OriginalDefinition, known.ValueTaskOfT) || KnownSymbols.Is(defaultValue.Type?.OriginalDefinition, known.ValueTask);
                default:
                    return false;
            }
        }

        /// <summary>Reads the options, classifies the caller thread and applies the UI ConfigureAwait(false) exemption.</summary>
        private static bool TryGetCaller(OperationAnalysisContext context, EnclosingFunction function, State state, IOperation operation, out CallerThread caller, out long minCost)
        {
            var tree = operation.Syntax.SyntaxTree;
            var treeOptions = state.OptionsFor(context.Options, tree);
            caller = ExecutionContext.Classify(function, state.Known, state.Callers, treeOptions.EntryPoints);
            minCost = treeOptions.MinCost;
            if (caller == CallerThread.Unknown || caller == CallerThread.HostedServiceStart || !ContextEnabled(treeOptions.Contexts, caller))
            {
                return false;
            }

            if (caller == CallerThread.Ui && AfterConfigureAwaitFalse(operation, function))
            {
                // The continuation of `await x.ConfigureAwait(false)` runs on the pool, not the UI thread.
                return false;
            }

            return true;
        }

        private static bool ContextEnabled(ImmutableArray<string> contexts, CallerThread caller)
        {
            if (contexts.IsDefaultOrEmpty)
            {
                return true;
            }

            var wanted = caller switch
            {
                CallerThread.Request => "request",
                CallerThread.Ui => "ui",
                _ => "startup",
            };

            foreach (var context in contexts)
            {
                if (string.Equals(context, wanted, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AfterConfigureAwaitFalse(IOperation operation, EnclosingFunction function)
        {
            var root = function.FunctionOperation ?? OperationTree.Root(operation);
            return OperationTree.Any(root, (Root: root, Start: operation.Syntax.SpanStart), static (node, scope) =>
                node is IAwaitOperation { Operation: IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure }
                && node.Syntax.Span.End <= scope.Start
                && configure.Arguments.Length == 1
                && configure.Arguments[0].Value.ConstantValue is { HasValue: true, Value: false }
                && !LoopCost.IsInNestedFunction(node, scope.Root));
        }

        /// <summary>An enclosing loop in the same function that does not await: that loop is judged as a whole instead.</summary>
        private static bool HasEnclosingComputingLoop(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                if (current is ILoopOperation outer && !(outer is IForEachLoopOperation { IsAsynchronous: true }) && !LoopCost.ContainsAwait(outer))
                {
                    return true;
                }
            }

            return false;
        }

        private static string ThreadDisplay(CallerThread caller) => caller switch
        {
            CallerThread.Request => "request thread",
            CallerThread.Ui => "UI thread",
            _ => "startup thread",
        };

        private static string Keyword(SyntaxNode syntax) => syntax switch
        {
            ForStatementSyntax => "for",
            ForEachStatementSyntax or ForEachVariableStatementSyntax => "foreach",
            WhileStatementSyntax => "while",
            DoStatementSyntax => "do",
            _ => "loop",
        };

        /// <summary>`for (...)`, `foreach (...)`, `while (...)`: the loop header, not its body; `do` for do-while.</summary>
        private static Location HeaderLocation(SyntaxNode syntax)
        {
            switch (syntax)
            {
                case ForStatementSyntax forStatement:
                    return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(forStatement.ForKeyword.SpanStart, forStatement.CloseParenToken.Span.End));
                case CommonForEachStatementSyntax forEach:
                    return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(forEach.ForEachKeyword.SpanStart, forEach.CloseParenToken.Span.End));
                case WhileStatementSyntax whileStatement:
                    return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(whileStatement.WhileKeyword.SpanStart, whileStatement.CloseParenToken.Span.End));
                case DoStatementSyntax doStatement:
                    return doStatement.DoKeyword.GetLocation();
                default:
                    return syntax.GetLocation();
            }
        }
    }
}
