using System.Collections.Immutable;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.ThreadPlacement
{
    /// <summary>
    /// CONC0302: a delegate that runs on the thread pool (Task.Run, StartNew without LongRunning,
    /// ThreadPool.QueueUserWorkItem, a Timer callback) whose body is a never-ending or polling loop
    /// that blocks (Thread.Sleep, blocking waits, blocking I/O, BlockingCollection consumption) without
    /// awaiting. Bounded loops and loops that await are not reported.
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class LongRunningLoopOnThreadPoolAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>"true" when every blocking call in the delegate is Thread.Sleep (an async loop with Task.Delay replaces it).</summary>
        public const string SleepOnlyProperty = "SleepOnly";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0302_LongRunningLoopOnThreadPool);

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

                // What a called method's body holds, per method: the same worker is often started from many places.
                var calledFindings = new System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, Finding>(SymbolEqualityComparer.Default);
                start.RegisterOperationAction(
                    ctx =>
                    {
                        // Names first: only these calls hand a delegate to the thread pool (see DelegateExecution).
                        var invocation = (IInvocationOperation)ctx.Operation;
                        if (invocation.TargetMethod.Name is "Run" or "StartNew" or "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" or "RegisterWaitForSingleObject")
                        {
                            AnalyzeStart(ctx, invocation.Arguments, known, calledFindings);
                        }
                    },
                    OperationKind.Invocation);
                start.RegisterOperationAction(
                    ctx =>
                    {
                        var creation = (IObjectCreationOperation)ctx.Operation;
                        if (KnownSymbols.Is(creation.Type, known.ThreadingTimer))
                        {
                            AnalyzeStart(ctx, creation.Arguments, known, calledFindings);
                        }
                    },
                    OperationKind.ObjectCreation);
            });
        }

        private static void AnalyzeStart(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments, KnownSymbols known, System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, Finding> calledFindings)
        {
            // Cheapest first: the call must take a delegate at all.
            IArgumentOperation? delegateArgument = null;
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                {
                    delegateArgument = argument;
                    break;
                }
            }

            if (delegateArgument == null || DelegateExecution.Classify(delegateArgument, known) != DelegateRunsOn.ThreadPool)
            {
                return;
            }

            var body = DelegateBody(delegateArgument.Value, context);
            if (body == null)
            {
                return;
            }

            var finding = FindBlockingLoop(body, known, context.CancellationToken);
            var loopInCalledMethod = false;
            if (finding.Loop == null && SingleCall(body) is IInvocationOperation call
                && call.TargetMethod.Locations is { Length: > 0 } locations && locations[0].SourceTree == call.Syntax.SyntaxTree)
            {
                // `Task.Run(() => PollInbox(token))`: the loop lives in the one method the lambda calls.
                var target = call.TargetMethod.OriginalDefinition;
                if (!calledFindings.TryGetValue(target, out finding))
                {
                    finding = CalledBody(call, context) is IOperation calledBody ? FindBlockingLoop(calledBody, known, context.CancellationToken) : default;
                    calledFindings.TryAdd(target, finding);
                }

                loopInCalledMethod = true;
            }

            if (finding.Loop == null || finding.Blocking == null)
            {
                return;
            }

            var function = AsyncContext.Find(context.Operation, context.ContainingSymbol, known);
            var sleepOnly = finding.SleepOnly && !loopInCalledMethod && ThreadPlacementFacts.AsLambda(delegateArgument.Value) != null;
            var blocking = finding.Blocking.TargetMethod;
            var properties = ImmutableDictionary<string, string?>.Empty.Add(SleepOnlyProperty, sleepOnly ? "true" : "false");
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CONC0302_LongRunningLoopOnThreadPool,
                ThreadPlacementFacts.CalleeLocation(context.Operation),
                properties,
                StarterDisplay(context.Operation),
                (blocking.ContainingType?.Name ?? "?") + "." + blocking.Name,
                function.NameDisplay,
                sleepOnly
                    ? "make the loop async with 'await Task.Delay', or run it on a dedicated background thread"
                    : "run it on a dedicated background thread (new Thread { IsBackground = true }) or with TaskCreationOptions.LongRunning"));
        }

        private static string StarterDisplay(IOperation operation)
        {
            if (operation is IObjectCreationOperation)
            {
                return "new Timer";
            }

            var method = ((IInvocationOperation)operation).TargetMethod;
            var type = method.ContainingType?.Name;
            return type == "TaskFactory" ? "Task.Factory." + method.Name : type + "." + method.Name;
        }

        /// <summary>The body of the lambda, or of a method group declared in the same file.</summary>
        private static IOperation? DelegateBody(IOperation value, OperationAnalysisContext context)
        {
            var lambda = ThreadPlacementFacts.AsLambda(value);
            if (lambda != null)
            {
                return lambda.Body;
            }

            value = OperationTree.DelegateTarget(value);
            if (value is not IMethodReferenceOperation reference || value.SemanticModel == null)
            {
                return null;
            }

            foreach (var syntaxReference in reference.Method.DeclaringSyntaxReferences)
            {
                if (syntaxReference.SyntaxTree == value.Syntax.SyntaxTree)
                {
                    var declaration = syntaxReference.GetSyntax(context.CancellationToken);
                    return ContainsLoopSyntax(declaration) ? value.SemanticModel.GetOperation(declaration, context.CancellationToken) : null;
                }
            }

            return null;
        }

        /// <summary>
        /// Syntax first: a method with no loop that could be never-ending (a while or do loop, a `for` whose
        /// condition is missing or not a comparison, a foreach over GetConsumingEnumerable()) cannot hold the
        /// loop this rule looks for, and binding its body (another member than the one being analyzed, with
        /// its nullability analysis) costs far more than reading it.
        /// </summary>
        private static bool ContainsLoopSyntax(SyntaxNode declaration)
            => OperationTree.FindNode(declaration, 0, static (node, _) => node switch
            {
                // A loop that awaits is skipped by FindBlockingLoop anyway (it yields its thread): no need to bind the body for it.
                WhileStatementSyntax or DoStatementSyntax => !AwaitsSyntactically(node),
                ForStatementSyntax { Condition: var condition } when condition is null || !IsComparison(condition) => !AwaitsSyntactically(node),
                ForEachStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetConsumingEnumerable" } } } => true,
                _ => false,
            }) != null;

        /// <summary>An `await`, `await foreach` or `await using` in the loop, outside nested functions: what LoopCost.ContainsAwait finds once bound.</summary>
        private static bool AwaitsSyntactically(SyntaxNode loop)
            => OperationTree.FindNode(
                loop,
                0,
                static (node, _) => node is AwaitExpressionSyntax
                    || (node is CommonForEachStatementSyntax forEach && forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
                    || (node is UsingStatementSyntax usingStatement && usingStatement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
                    || (node is LocalDeclarationStatementSyntax declaration && declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)),
                static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)) != null;

        private static bool IsComparison(ExpressionSyntax condition)
            => condition.IsKind(SyntaxKind.LessThanExpression) || condition.IsKind(SyntaxKind.LessThanOrEqualExpression)
                || condition.IsKind(SyntaxKind.GreaterThanExpression) || condition.IsKind(SyntaxKind.GreaterThanOrEqualExpression)
                || condition.IsKind(SyntaxKind.EqualsExpression) || condition.IsKind(SyntaxKind.NotEqualsExpression);

        /// <summary>A lambda body that is one call to a synchronous method: that call.</summary>
        private static IInvocationOperation? SingleCall(IOperation body)
        {
            var single = body;
            if (single is IBlockOperation block)
            {
                // An expression-bodied Action lambda is { call; return; } with an implicit, empty return.
                single = null;
                foreach (var operation in block.Operations)
                {
                    if (operation is IReturnOperation { ReturnedValue: null, IsImplicit: true })
                    {
                        continue;
                    }

                    if (single != null)
                    {
                        return null;
                    }

                    single = operation;
                }
            }

            single = single switch
            {
                null => null,
                IExpressionStatementOperation statement => statement.Operation,
                IReturnOperation { ReturnedValue: { } returned } => returned,
                _ => single,
            };

            return single is IInvocationOperation { TargetMethod.IsAsync: false, SemanticModel: not null } invocation ? invocation : null;
        }

        /// <summary>The body of the called method when it is declared in the same file.</summary>
        private static IOperation? CalledBody(IInvocationOperation invocation, OperationAnalysisContext context)
        {
            var target = invocation.TargetMethod;
            foreach (var syntaxReference in target.DeclaringSyntaxReferences)
            {
                if (syntaxReference.SyntaxTree == invocation.Syntax.SyntaxTree)
                {
                    var declaration = syntaxReference.GetSyntax(context.CancellationToken);
                    return ContainsLoopSyntax(declaration) ? invocation.SemanticModel!.GetOperation(declaration, context.CancellationToken) : null;
                }
            }

            return null;
        }

        private struct Finding
        {
            public ILoopOperation? Loop;
            public IInvocationOperation? Blocking;
            public bool SleepOnly;
        }

        private static Finding FindBlockingLoop(IOperation body, KnownSymbols known, System.Threading.CancellationToken cancellationToken)
        {
            var finding = default(Finding);
            foreach (var node in body.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (node is not ILoopOperation loop || LoopCost.IsInNestedFunction(node, body) || !IsNeverEnding(loop, known))
                {
                    continue;
                }

                if (LoopCost.ContainsAwait(loop))
                {
                    continue;
                }

                IInvocationOperation? first = null;
                var sleepOnly = true;
                foreach (var inner in loop.DescendantsAndSelf())
                {
                    if (inner is IInvocationOperation invocation && !LoopCost.IsInNestedFunction(inner, loop))
                    {
                        var kind = BlockingCalls.Classify(invocation, known);
                        if (kind != BlockingKind.None)
                        {
                            first ??= invocation;
                            sleepOnly &= kind == BlockingKind.Sleep;
                        }
                    }
                }

                if (loop is IForEachLoopOperation && first == null)
                {
                    // foreach over GetConsumingEnumerable(): the enumeration itself blocks.
                    first = ConsumingEnumerable(loop, known);
                    sleepOnly = false;
                }

                if (first != null)
                {
                    finding.Loop = loop;
                    finding.Blocking = first;
                    finding.SleepOnly = sleepOnly && !HasOtherBlocking(body, known);
                    return finding;
                }
            }

            return finding;
        }

        private static bool HasOtherBlocking(IOperation body, KnownSymbols known)
        {
            foreach (var node in body.DescendantsAndSelf())
            {
                if (node is IInvocationOperation invocation)
                {
                    var kind = BlockingCalls.Classify(invocation, known);
                    if (kind != BlockingKind.None && kind != BlockingKind.Sleep)
                    {
                        return true;
                    }
                }
                else if (node is IPropertyReferenceOperation property && TaskWaits.TryGetWait(property, known, out _))
                {
                    return true;
                }
            }

            return false;
        }

        private static IInvocationOperation? ConsumingEnumerable(ILoopOperation loop, KnownSymbols known)
        {
            if (loop is IForEachLoopOperation forEach)
            {
                var collection = forEach.Collection;
                while (collection is IConversionOperation conversion)
                {
                    collection = conversion.Operand;
                }

                if (collection is IInvocationOperation { TargetMethod.Name: "GetConsumingEnumerable" } invocation
                    && known.BlockingCollectionOfT.Is(invocation.TargetMethod.ContainingType?.OriginalDefinition))
                {
                    return invocation;
                }
            }

            return null;
        }

        /// <summary>
        /// `while (true)`, `for (;;)`, a loop polling a stop flag or token (`while (!ct.IsCancellationRequested)`,
        /// `while (_running)`), or a foreach over `GetConsumingEnumerable()`. Counting loops are bounded.
        /// </summary>
        private static bool IsNeverEnding(ILoopOperation loop, KnownSymbols known)
        {
            switch (loop)
            {
                case IWhileLoopOperation whileLoop:
                    return whileLoop.Condition == null || IsPollingCondition(whileLoop.Condition, known);
                case IForLoopOperation forLoop:
                    return forLoop.Condition == null || IsPollingCondition(forLoop.Condition, known);
                case IForEachLoopOperation:
                    return ConsumingEnumerable(loop, known) != null;
                default:
                    return false;
            }
        }

        private static bool IsPollingCondition(IOperation condition, KnownSymbols known)
        {
            while (condition is IConversionOperation or IParenthesizedOperation)
            {
                condition = condition is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)condition).Operand;
            }

            if (condition.ConstantValue.HasValue)
            {
                return condition.ConstantValue.Value is true;
            }

            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return IsPollingCondition(not.Operand, known);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                    return IsPollingCondition(logical.LeftOperand, known) && IsPollingCondition(logical.RightOperand, known);
                case IPropertyReferenceOperation property:
                    return property.Property.Name == "IsCancellationRequested" && KnownSymbols.Is(property.Property.ContainingType, known.CancellationToken)
                        || property.Type?.SpecialType == SpecialType.System_Boolean && property.Instance is null or IInstanceReferenceOperation;
                case IFieldReferenceOperation field:
                    return field.Type?.SpecialType == SpecialType.System_Boolean;
                case IInvocationOperation { TargetMethod.Name: "Read", TargetMethod.ContainingType.Name: "Volatile" } read:
                    return read.Type?.SpecialType == SpecialType.System_Boolean;
                default:
                    return false;
            }
        }
    }
}
