using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>
    /// Answers "is this task already complete where it is used?", so that reading the result of a task
    /// that was awaited, waited, guarded by IsCompleted*, created complete (Task.FromResult,
    /// Task.CompletedTask) or handed to a ContinueWith continuation is not called blocking.
    /// Only called after a rule found a wait (on correct code too: a `.Result` read after an await), so it may
    /// walk syntax, but through the allocation-free walks of <see cref="OperationTree"/>.
    /// </summary>
    internal static class TaskFacts
    {
        /// <param name="taskOperation">The operation producing the task that is waited on.</param>
        /// <param name="use">The blocking operation (.Result, .Wait(), GetResult()).</param>
        public static bool IsKnownComplete(IOperation taskOperation, IOperation use, KnownSymbols known, CancellationToken cancellationToken)
        {
            var task = UnwrapTask(taskOperation);
            if (IsCompletedByConstruction(task, known))
            {
                return true;
            }

            var model = use.SemanticModel;
            if (model == null || !TryGetStableKey(task.Syntax, out var key, out var rootName))
            {
                return false;
            }

            var trackedRoot = RootSymbol(task);

            // Read once: a local's declaration is asked for twice below.
            var localDeclaration = trackedRoot is ILocalSymbol trackedLocal ? OperationTree.DeclarationOf(trackedLocal, task)?.Syntax : null;
            if (trackedRoot is ILocalSymbol local && IsLocalInitializedComplete(local, localDeclaration, task, known, model, cancellationToken))
            {
                return true;
            }

            if (trackedRoot is IFieldSymbol { IsReadOnly: true } field && task is IFieldReferenceOperation
                && IsReadOnlyFieldInitializedComplete(field, cancellationToken))
            {
                return true;
            }

            // An element of a collection: every element is complete once the collection was awaited as a whole.
            string? collectionKey = null;
            if (TryGetCollectionOfElement(task, localDeclaration, cancellationToken, out var collection))
            {
                collectionKey = collection;
            }

            return HasCompletionEvidence(use.Syntax, key, rootName, collectionKey, model, cancellationToken);
        }

        /// <summary>Strips conversions, parentheses, ConfigureAwait(...) and AsTask() to reach the task itself.</summary>
        public static IOperation UnwrapTask(IOperation operation)
        {
            var current = operation;
            while (true)
            {
                switch (current)
                {
                    case IConversionOperation conversion when conversion.IsImplicit || conversion.Operand.Type?.TypeKind != TypeKind.Error:
                        current = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        current = parenthesized.Operand;
                        continue;
                    case IInvocationOperation invocation when invocation.Instance != null
                        && (invocation.TargetMethod.Name == "ConfigureAwait" || invocation.TargetMethod.Name == "AsTask"):
                        current = invocation.Instance;
                        continue;
                    default:
                        return current;
                }
            }
        }

        private static bool IsCompletedByConstruction(IOperation task, KnownSymbols known)
        {
            switch (task)
            {
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    var type = method.ContainingType?.OriginalDefinition;
                    if (KnownSymbols.Is(type, known.Task) || KnownSymbols.Is(type, known.ValueTask))
                    {
                        return method.Name is "FromResult" or "FromException" or "FromCanceled";
                    }

                    // `ReadAsync(IOBehavior.Synchronous)`: a shared core asked to run synchronously.
                    return SharedCore.IsSyncModeCall(invocation);
                case IPropertyReferenceOperation property:
                    return KnownSymbols.Is(property.Property, known.TaskCompletedTask)
                        || (property.Property.Name == "CompletedTask" && KnownSymbols.Is(property.Property.ContainingType?.OriginalDefinition, known.ValueTask));
                case IAwaitOperation awaited:
                    // await Task.WhenAny(...) yields the task that finished.
                    return UnwrapTask(awaited.Operation) is IInvocationOperation whenAny
                        && whenAny.TargetMethod.Name == "WhenAny"
                        && KnownSymbols.Is(whenAny.TargetMethod.ContainingType?.OriginalDefinition, known.Task);
                case IDefaultValueOperation:
                    return true;
                case IObjectCreationOperation creation:
                    // new ValueTask<T>(result) wraps a value, not an operation in flight.
                    return KnownSymbols.Is(creation.Type?.OriginalDefinition, known.ValueTaskOfT)
                        && creation.Arguments.Length == 1
                        && !known.IsTaskLike(creation.Arguments[0].Value.Type)
                        && creation.Arguments[0].Value.Type is ITypeSymbol argType
                        && SymbolEqualityComparer.Default.Equals(argType, ((INamedTypeSymbol)creation.Type!).TypeArguments[0]);
                default:
                    return false;
            }
        }

        private static ISymbol? RootSymbol(IOperation task) => task switch
        {
            ILocalReferenceOperation l => l.Local,
            IParameterReferenceOperation p => p.Parameter,
            IFieldReferenceOperation f => f.Field,
            IPropertyReferenceOperation p => p.Property,
            _ => null,
        };

        /// <summary>`var t = Task.FromResult(x)` or `var done = await Task.WhenAny(...)` never reassigned.</summary>
        private static bool IsLocalInitializedComplete(ILocalSymbol local, SyntaxNode? declaration, IOperation task, KnownSymbols known, SemanticModel model, CancellationToken cancellationToken)
        {
            if (declaration is not VariableDeclaratorSyntax declarator
                || declarator.Initializer == null || !MayBeCompletedByConstruction(declarator.Initializer.Value))
            {
                return false;
            }

            var initializer = model.GetOperation(declarator.Initializer.Value, cancellationToken);
            if (initializer == null || !IsCompletedByConstruction(UnwrapTask(initializer), known))
            {
                return false;
            }

            var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax || n is CompilationUnitSyntax || n is SwitchSectionSyntax);
            return scope == null || !IsAssignedWithin(scope, local.Name, declarator.Span.End, task.Syntax.SpanStart);
        }

        /// <summary>
        /// Syntax-only pre-check for <see cref="IsCompletedByConstruction"/> (`Task.FromResult(x)`,
        /// `Task.CompletedTask`, `new ValueTask&lt;T&gt;(x)`, `default`, `await Task.WhenAny(...)`, possibly with ConfigureAwait/AsTask):
        /// most tasks come from calls to other methods, and those need no operation tree of the initializer.
        /// </summary>
        private static bool MayBeCompletedByConstruction(ExpressionSyntax value)
        {
            while (true)
            {
                switch (value)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        value = parenthesized.Expression;
                        continue;
                    case CastExpressionSyntax cast:
                        value = cast.Expression;
                        continue;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" or "AsTask" } access }:
                        value = access.Expression;
                        continue;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FromResult" or "FromException" or "FromCanceled" } }:
                    case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "FromResult" or "FromException" or "FromCanceled" } }:
                    case InvocationExpressionSyntax { Expression: GenericNameSyntax { Identifier.ValueText: "FromResult" or "FromException" or "FromCanceled" } }:
                    case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask" }:
                    case IdentifierNameSyntax { Identifier.ValueText: "CompletedTask" }:
                    case AwaitExpressionSyntax:
                    case BaseObjectCreationExpressionSyntax:
                    case LiteralExpressionSyntax:
                    case DefaultExpressionSyntax:
                        return true;
                    default:
                        return false;
                }
            }
        }

        /// <summary>
        /// `static readonly Task&lt;bool&gt; s_true = Task.FromResult(true);` stays complete forever. Read from
        /// syntax (the field's own tree may not be the one being analyzed; no second semantic model).
        /// </summary>
        private static bool IsReadOnlyFieldInitializedComplete(IFieldSymbol field, CancellationToken cancellationToken)
        {
            if (field.DeclaringSyntaxReferences.Length != 1
                || field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: { } initializer })
            {
                return false;
            }

            var value = initializer.Value;
            return value switch
            {
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FromResult" or "FromException" or "FromCanceled", Expression: var type } } => IsTaskTypeName(type),
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "FromResult" }, Expression: var genericType } } => IsTaskTypeName(genericType),
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask", Expression: var owner } => IsTaskTypeName(owner),
                _ => false,
            };
        }

        private static bool IsTaskTypeName(ExpressionSyntax type)
            => type is IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" }
                || type is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Task" or "ValueTask" };

        /// <summary>
        /// A foreach variable over C, a lambda parameter of a call on C (LINQ), or C[i]: returns C's key.
        /// </summary>
        private static bool TryGetCollectionOfElement(IOperation task, SyntaxNode? localDeclaration, CancellationToken cancellationToken, out string collectionKey)
        {
            collectionKey = "";
            switch (task)
            {
                case IArrayElementReferenceOperation element:
                    return TryGetStableKey(element.ArrayReference.Syntax, out collectionKey, out _);
                case IPropertyReferenceOperation indexer when indexer.Property.IsIndexer && indexer.Instance != null:
                    return TryGetStableKey(indexer.Instance.Syntax, out collectionKey, out _);
                case ILocalReferenceOperation:
                    return localDeclaration is ForEachStatementSyntax forEach && TryGetStableKey(forEach.Expression, out collectionKey, out _);
                case IParameterReferenceOperation parameterRef when parameterRef.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction }:
                    foreach (var reference in parameterRef.Parameter.DeclaringSyntaxReferences)
                    {
                        var lambda = reference.GetSyntax(cancellationToken).FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>();
                        if (lambda?.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
                            && invocation.Expression is MemberAccessExpressionSyntax access)
                        {
                            return TryGetStableKey(access.Expression, out collectionKey, out _);
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        private static bool HasCompletionEvidence(SyntaxNode use, string key, string rootName, string? collectionKey, SemanticModel model, CancellationToken cancellationToken)
        {
            SyntaxNode child = use;
            SyntaxNode? loopBetween = null;
            for (var node = use.Parent; node != null; child = node, node = node.Parent)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (node)
                {
                    case IfStatementSyntax ifStatement when child != ifStatement.Condition:
                        if (GuardPolarity(ifStatement.Condition, key, collectionKey) == (child == ifStatement.Statement ? 1 : -1)
                            || TestsWaitAnyIndex(ifStatement.Condition, key))
                        {
                            return true;
                        }

                        break;
                    case ElseClauseSyntax:
                        break;
                    case ConditionalExpressionSyntax conditional when child != conditional.Condition:
                        if (GuardPolarity(conditional.Condition, key, collectionKey) == (child == conditional.WhenTrue ? 1 : -1)
                            || TestsWaitAnyIndex(conditional.Condition, key))
                        {
                            return true;
                        }

                        break;
                    case BinaryExpressionSyntax binary when child == binary.Right:
                        if (binary.IsKind(SyntaxKind.LogicalAndExpression) && GuardPolarity(binary.Left, key, collectionKey) == 1)
                        {
                            return true;
                        }

                        if (binary.IsKind(SyntaxKind.LogicalOrExpression) && GuardPolarity(binary.Left, key, collectionKey) == -1)
                        {
                            return true;
                        }

                        break;
                    case SwitchExpressionArmSyntax arm when child != arm.Pattern && arm.Parent is SwitchExpressionSyntax switchExpression:
                        if (IsStatusSwitchOnCompletedState(switchExpression.GoverningExpression, arm.Pattern, key))
                        {
                            return true;
                        }

                        break;
                    case SwitchSectionSyntax section when section.Parent is SwitchStatementSyntax switchStatement
                        && AnyLabelIsCompletedState(switchStatement.Expression, section, key):
                        return true;
                    case AnonymousFunctionExpressionSyntax lambda:
                        if (IsContinuationOf(lambda, key, rootName, collectionKey))
                        {
                            return true;
                        }

                        break;
                    case ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                        loopBetween ??= node;
                        break;
                    case BlockSyntax block:
                        if (PrecedingStatementsComplete(block.Statements, child, key, rootName, collectionKey, loopBetween))
                        {
                            return true;
                        }

                        break;
                    case SwitchSectionSyntax section:
                        if (PrecedingStatementsComplete(section.Statements, child, key, rootName, collectionKey, loopBetween))
                        {
                            return true;
                        }

                        break;
                    case GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax unit:
                        if (PrecedingGlobalStatementsComplete(unit, global, key, rootName, collectionKey, loopBetween))
                        {
                            return true;
                        }

                        break;
                    case MemberDeclarationSyntax and not GlobalStatementSyntax:
                        return false;
                }
            }

            return false;
        }

        private static bool PrecedingStatementsComplete(SyntaxList<StatementSyntax> statements, SyntaxNode child, string key, string rootName, string? collectionKey, SyntaxNode? loopBetween)
        {
            var complete = false;
            foreach (var statement in statements)
            {
                if (statement == child)
                {
                    break;
                }

                complete = UpdateState(complete, statement, key, rootName, collectionKey);
            }

            return complete && (loopBetween == null || !IsAssignedWithin(loopBetween, rootName, loopBetween.SpanStart, loopBetween.Span.End));
        }

        private static bool PrecedingGlobalStatementsComplete(CompilationUnitSyntax unit, GlobalStatementSyntax child, string key, string rootName, string? collectionKey, SyntaxNode? loopBetween)
        {
            var complete = false;
            foreach (var member in unit.Members)
            {
                if (member == child)
                {
                    break;
                }

                if (member is GlobalStatementSyntax global)
                {
                    complete = UpdateState(complete, global.Statement, key, rootName, collectionKey);
                }
            }

            return complete && (loopBetween == null || !IsAssignedWithin(loopBetween, rootName, loopBetween.SpanStart, loopBetween.Span.End));
        }

        private static bool UpdateState(bool complete, StatementSyntax statement, string key, string rootName, string? collectionKey)
        {
            // Every completion and reassignment spells the task's root name (or its collection's): most
            // statements before a wait do neither, and a text scan rules them out without a walk.
            if (!SourceMentions.MayMention(statement, rootName, collectionKey == null ? null : KeyRoot(collectionKey)))
            {
                return complete;
            }

            if (StatementCompletes(statement, key, collectionKey))
            {
                return true;
            }

            // A reassignment after the evidence loses it.
            if (complete && IsAssignedWithin(statement, rootName, statement.SpanStart, statement.Span.End))
            {
                return false;
            }

            return complete;
        }

        /// <summary>Does executing this statement leave the task complete, whatever path it takes?</summary>
        private static bool StatementCompletes(StatementSyntax statement, string key, string? collectionKey)
        {
            switch (statement)
            {
                case IfStatementSyntax ifStatement when ifStatement.Else == null && GuardPolarity(ifStatement.Condition, key, collectionKey) == -1:
                    // if (!t.IsCompleted) { ... return/throw/await t; }
                    return EndsWithJump(ifStatement.Statement) || ContainsUnconditionalCompletion(ifStatement.Statement, key, collectionKey);
                case WhileStatementSyntax whileStatement when GuardPolarity(whileStatement.Condition, key, collectionKey) == -1:
                    return true;
                case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax assertion }
                    when assertion.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Assert" }
                        && assertion.ArgumentList.Arguments.Count > 0
                        && GuardPolarity(assertion.ArgumentList.Arguments[0].Expression, key) == 1:
                    return true;
                case ForEachStatementSyntax forEach when HasKey(forEach.Expression, collectionKey):
                    // foreach (var t in tasks) await t;
                    return ContainsUnconditionalCompletion(forEach.Statement, forEach.Identifier.ValueText, null);
                default:
                    return ContainsUnconditionalCompletion(statement, key, collectionKey);
            }
        }

        private static bool EndsWithJump(StatementSyntax statement)
        {
            var last = statement is BlockSyntax block && block.Statements.Count > 0 ? block.Statements[block.Statements.Count - 1] : statement;
            return last is ReturnStatementSyntax or ThrowStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax or GotoStatementSyntax
                || (last is ExpressionStatementSyntax { Expression: ThrowExpressionSyntax });
        }

        /// <summary>Finds an await / wait on the task (or on Task.WhenAll over it) that always runs when the statement runs.</summary>
        private static bool ContainsUnconditionalCompletion(SyntaxNode node, string key, string? collectionKey)
        {
            if (IsCompletionPoint(node, key, collectionKey))
            {
                return true;
            }

            // Recursive over the children that always run (conditions yes, branches no); struct
            // enumerators only, since every wait's preceding statements are read this way.
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or CatchClauseSyntax or SwitchSectionSyntax:
                    return false;
                case IfStatementSyntax ifStatement:
                    // Completed by the condition, or on both branches of an if/else.
                    return ContainsUnconditionalCompletion(ifStatement.Condition, key, collectionKey)
                        || (ifStatement.Else is { } elseClause
                            && ContainsUnconditionalCompletion(ifStatement.Statement, key, collectionKey)
                            && ContainsUnconditionalCompletion(elseClause.Statement, key, collectionKey));
                case WhileStatementSyntax whileStatement:
                    return ContainsUnconditionalCompletion(whileStatement.Condition, key, collectionKey);
                case ForEachStatementSyntax forEach:
                    return ContainsUnconditionalCompletion(forEach.Expression, key, collectionKey);
                case ForStatementSyntax forStatement:
                    return forStatement.Condition != null && ContainsUnconditionalCompletion(forStatement.Condition, key, collectionKey);
                case SwitchStatementSyntax switchStatement:
                    return ContainsUnconditionalCompletion(switchStatement.Expression, key, collectionKey);
                case SwitchExpressionSyntax switchExpression:
                    return ContainsUnconditionalCompletion(switchExpression.GoverningExpression, key, collectionKey);
                case ConditionalExpressionSyntax conditional:
                    return ContainsUnconditionalCompletion(conditional.Condition, key, collectionKey);
                case ConditionalAccessExpressionSyntax conditionalAccess:
                    return ContainsUnconditionalCompletion(conditionalAccess.Expression, key, collectionKey);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression) || binary.IsKind(SyntaxKind.CoalesceExpression):
                    return ContainsUnconditionalCompletion(binary.Left, key, collectionKey);
                case TryStatementSyntax tryStatement:
                    return ContainsUnconditionalCompletion(tryStatement.Block, key, collectionKey)
                        || (tryStatement.Finally != null && ContainsUnconditionalCompletion(tryStatement.Finally, key, collectionKey));
                default:
                    foreach (var child in node.ChildNodesAndTokens())
                    {
                        if (child.AsNode() is { } childNode && ContainsUnconditionalCompletion(childNode, key, collectionKey))
                        {
                            return true;
                        }
                    }

                    return false;
            }
        }

        private static bool IsCompletionPoint(SyntaxNode node, string key, string? collectionKey)
        {
            ExpressionSyntax? completed = node switch
            {
                AwaitExpressionSyntax awaitExpression => awaitExpression.Expression,
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } access => access.Expression,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } waitAccess } wait
                    when wait.ArgumentList.Arguments.Count == 0 || !LooksLikeTimeout(wait.ArgumentList.Arguments[0].Expression) => waitAccess.Expression,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } awaiter } } } => awaiter.Expression,
                // A timed WaitAll may return false with tasks still running: only its `if` guard says more.
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WaitAll" } } waitAll when !HasTimeoutArgument(waitAll) => waitAll,
                _ => null,
            };

            if (completed != null && Completes(StripConfigureAwait(completed), key, collectionKey))
            {
                return true;
            }

            // tcs.SetResult(...) completes tcs.Task.
            return node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "SetResult" or "TrySetResult" or "SetException" or "TrySetException" or "SetCanceled" or "TrySetCanceled" } setter }
                && key.EndsWith(".Task", System.StringComparison.Ordinal)
                && HasKey(setter.Expression, key.Substring(0, key.Length - ".Task".Length));
        }

        /// <summary>
        /// `Task.WaitAll(tasks, 100)`, `WaitAll(tasks, TimeoutMilliseconds)`, `WaitAll(tasks, TimeSpan.FromSeconds(5))`:
        /// a numeric literal or a name that says timeout or a time unit after the first argument. Syntactic, so
        /// `WaitAll(a, b)` over two tasks is not mistaken for one.
        /// </summary>
        private static bool HasTimeoutArgument(InvocationExpressionSyntax waitAll)
        {
            var arguments = waitAll.ArgumentList.Arguments;
            for (var i = 1; i < arguments.Count; i++)
            {
                var expression = arguments[i].Expression;
                if (expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.NumericLiteralExpression))
                {
                    return true;
                }

                var text = expression.ToString();
                if (text.IndexOf("timeout", System.StringComparison.OrdinalIgnoreCase) >= 0
                    || text.IndexOf("TimeSpan", System.StringComparison.Ordinal) >= 0
                    || text.IndexOf("seconds", System.StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Is the node negated an odd number of times on its way up to the condition (`!x`, `x != ...`,
        /// `x == false`, `x is false`)?
        /// </summary>
        private static bool IsNegated(SyntaxNode node, ExpressionSyntax condition)
        {
            var negated = false;
            for (var parent = node.Parent; parent != null && parent != condition.Parent; parent = parent.Parent)
            {
                if ((parent is PrefixUnaryExpressionSyntax prefix && prefix.IsKind(SyntaxKind.LogicalNotExpression))
                    || (parent is BinaryExpressionSyntax comparison
                        && (comparison.IsKind(SyntaxKind.NotEqualsExpression)
                            || (comparison.IsKind(SyntaxKind.EqualsExpression) && comparison.Right.IsKind(SyntaxKind.FalseLiteralExpression))))
                    || (parent is IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax literal } } && literal.IsKind(SyntaxKind.FalseLiteralExpression)))
                {
                    negated = !negated;
                }
            }

            return negated;
        }

        private static bool LooksLikeTimeout(ExpressionSyntax argument)
        {
            // Wait(cancellationToken) still waits for completion; Wait(timeout) may return early.
            var text = argument.ToString();
            return !(text.IndexOf("oken", System.StringComparison.Ordinal) >= 0 || text.IndexOf("ct", System.StringComparison.OrdinalIgnoreCase) == 0);
        }

        /// <summary>Is `expression` the task itself, or a WhenAll/WaitAll that includes it?</summary>
        private static bool Completes(ExpressionSyntax expression, string key, string? collectionKey)
        {
            if (HasKey(expression, key))
            {
                return true;
            }

            return expression is InvocationExpressionSyntax invocation
                && invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WhenAll" or "WaitAll" }
                && ArgumentsInclude(invocation.ArgumentList, key, collectionKey);
        }

        /// <summary>Does a WhenAll/WaitAll/WaitAny argument list name the task (or its collection)?</summary>
        private static bool ArgumentsInclude(ArgumentListSyntax arguments, string key, string? collectionKey)
        {
            foreach (var argument in arguments.Arguments)
            {
                var stripped = StripMaterialization(argument.Expression);
                if (HasKey(stripped, key) || HasKey(stripped, collectionKey))
                {
                    return true;
                }

                // WhenAll(new[] { a, b }) or WhenAll(a, b)
                if (OperationTree.FindNode(argument.Expression, key, static (inner, k) => inner is ExpressionSyntax innerExpression && HasKey(innerExpression, k)) != null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>tasks.ToArray() / tasks.ToList() still name the same tasks.</summary>
        private static ExpressionSyntax StripMaterialization(ExpressionSyntax expression)
        {
            while (expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToArray" or "ToList" or "AsEnumerable" } access })
            {
                expression = access.Expression;
            }

            return expression;
        }

        private static ExpressionSyntax StripConfigureAwait(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        continue;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" or "AsTask" } access }:
                        expression = access.Expression;
                        continue;
                    default:
                        return expression;
                }
            }
        }

        /// <summary>
        /// +1 when the condition says the task is complete when true (t.IsCompleted, t.Status == RanToCompletion,
        /// winner == t), -1 when it says so when false (!t.IsCompleted), 0 when it says nothing about the task.
        /// </summary>
        private static int GuardPolarity(ExpressionSyntax condition, string key, string? collectionKey = null)
        {
            var guard = OperationTree.FindNode(condition, (Key: key, CollectionKey: collectionKey), static (node, keys) => IsGuardOn(node, keys.Key, keys.CollectionKey), NotIntoLambdas);
            switch (guard)
            {
                case InvocationExpressionSyntax timedWaitAll:
                    return IsNegated(timedWaitAll, condition) ? -1 : 1;
                case MemberAccessExpressionSyntax access:
                    return IsNegated(access, condition) ? -1 : 1;
                case BinaryExpressionSyntax equals:
                    var negatedComparison = equals.IsKind(SyntaxKind.NotEqualsExpression);
                    for (var parent = equals.Parent; parent != null && parent != condition.Parent; parent = parent.Parent)
                    {
                        if (parent is PrefixUnaryExpressionSyntax prefix && prefix.IsKind(SyntaxKind.LogicalNotExpression))
                        {
                            negatedComparison = !negatedComparison;
                        }
                    }

                    return negatedComparison ? -1 : 1;
                default:
                    return 0;
            }
        }

        private static readonly System.Func<SyntaxNode, bool> NotIntoLambdas = static node => node is not AnonymousFunctionExpressionSyntax;

        /// <summary>A part of a condition that says whether the task is complete (see <see cref="GuardPolarity"/>).</summary>
        private static bool IsGuardOn(SyntaxNode node, string key, string? collectionKey)
        {
            switch (node)
            {
                // if (Task.WaitAll(tasks, timeout)): complete when it returned true.
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WaitAll" } } timedWaitAll:
                    return HasTimeoutArgument(timedWaitAll) && ArgumentsInclude(timedWaitAll.ArgumentList, key, collectionKey);
                case MemberAccessExpressionSyntax access:
                    return access.Name.Identifier.ValueText is "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "Status" or "Wait"
                        && HasKey(access.Expression, key);
                case BinaryExpressionSyntax equals:
                    // winner == t (or winner != t) after await Task.WhenAny(...)
                    return (equals.IsKind(SyntaxKind.EqualsExpression) || equals.IsKind(SyntaxKind.NotEqualsExpression))
                        && !equals.Left.IsKind(SyntaxKind.NullLiteralExpression) && !equals.Right.IsKind(SyntaxKind.NullLiteralExpression)
                        && (HasKey(equals.Left, key) || HasKey(equals.Right, key));
                default:
                    return false;
            }
        }

        /// <summary>
        /// `var i = Task.WaitAny(a, b); ... i == 0 ? a.Result : b.Result`: a branch chosen by the index that
        /// WaitAny returned reads the task that finished.
        /// </summary>
        private static bool TestsWaitAnyIndex(ExpressionSyntax condition, string key)
        {
            var member = condition.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (member == null)
            {
                return false;
            }

            // One walk of what precedes the condition, for `var i = Task.WaitAny(..., t, ...)`; then is `i` in the condition?
            return OperationTree.FindNode(
                member,
                (Condition: condition, Key: key),
                static (node, scope) => node is VariableDeclaratorSyntax declarator
                    && declarator.Initializer?.Value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WaitAny" } } waitAny
                    && ArgumentsInclude(waitAny.ArgumentList, scope.Key, null)
                    && OperationTree.FindNode(scope.Condition, declarator.Identifier.ValueText, static (n, name) => n is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name) != null,
                before: condition.SpanStart) != null;
        }

        /// <summary>`t.Status switch { TaskStatus.RanToCompletion => t.Result, ... }`.</summary>
        private static bool IsStatusSwitchOnCompletedState(ExpressionSyntax governing, SyntaxNode pattern, string key)
            => governing is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Status" } status
                && HasKey(status.Expression, key)
                && MentionsCompletedState(pattern);

        private static bool AnyLabelIsCompletedState(ExpressionSyntax governing, SwitchSectionSyntax section, string key)
        {
            if (governing is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Status" } status || !HasKey(status.Expression, key))
            {
                return false;
            }

            foreach (var label in section.Labels)
            {
                if (label is DefaultSwitchLabelSyntax || !MentionsCompletedState(label))
                {
                    return false;
                }
            }

            return section.Labels.Count > 0;
        }

        private static bool MentionsCompletedState(SyntaxNode pattern)
        {
            foreach (var token in pattern.DescendantTokens())
            {
                if (token.ValueText is "RanToCompletion" or "Faulted" or "Canceled")
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsContinuationOf(AnonymousFunctionExpressionSyntax lambda, string key, string rootName, string? collectionKey)
        {
            if (lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } argument
                || invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContinueWith" or "ContinueWhenAll" or "ContinueWhenAny" } access)
            {
                return false;
            }

            // The first lambda parameter of a continuation is the antecedent task, which is complete.
            var firstParameter = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: > 0 } parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
                AnonymousMethodExpressionSyntax { ParameterList.Parameters.Count: > 0 } anonymous => anonymous.ParameterList.Parameters[0].Identifier.ValueText,
                _ => null,
            };
            if (firstParameter != null && firstParameter == key)
            {
                return true;
            }

            if (access.Name.Identifier.ValueText == "ContinueWith")
            {
                var antecedent = StripConfigureAwait(access.Expression);
                return Completes(antecedent, key, collectionKey);
            }

            // Task.Factory.ContinueWhenAll(tasks, _ => ...)
            return access.Name.Identifier.ValueText == "ContinueWhenAll"
                && invocation.ArgumentList.Arguments.Count > 0
                && argument != invocation.ArgumentList.Arguments[0]
                && (HasKey(invocation.ArgumentList.Arguments[0].Expression, key)
                    || HasKey(invocation.ArgumentList.Arguments[0].Expression, collectionKey));
        }

        /// <summary>Is `name` (or a member path starting with it) assigned, incremented or passed by ref/out in the span?</summary>
        private static bool IsAssignedWithin(SyntaxNode scope, string name, int start, int end)
            => SourceMentions.MayMention(scope, name) && OperationTree.FindNode(
                scope,
                (Name: name, Start: start),
                static (node, target) =>
                {
                    // The kind first: SpanStart walks down to the node's first token.
                    ExpressionSyntax? assigned = node switch
                    {
                        AssignmentExpressionSyntax assignment => assignment.Left,
                        ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword or (int)SyntaxKind.RefKeyword } argument => argument.Expression,
                        _ => null,
                    };
                    return assigned != null && node.SpanStart >= target.Start && RootName(assigned) == target.Name;
                },
                before: end) != null;

        /// <summary>
        /// The text a key starts with ("a" of "a.b[i]"): any expression with that key spells it, since keys are
        /// the expression's own text without whitespace.
        /// </summary>
        private static string KeyRoot(string key)
        {
            var end = key.IndexOfAny(KeySeparators);
            return end < 0 ? key : key.Substring(0, end);
        }

        private static readonly char[] KeySeparators = { '.', '[' };

        private static string? RootName(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case IdentifierNameSyntax identifier:
                        return identifier.Identifier.ValueText;
                    case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } thisAccess:
                        return thisAccess.Name.Identifier.ValueText;
                    case MemberAccessExpressionSyntax access:
                        expression = access.Expression;
                        continue;
                    case ElementAccessExpressionSyntax element:
                        expression = element.Expression;
                        continue;
                    case DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax designation }:
                        return designation.Identifier.ValueText;
                    default:
                        return null;
                }
            }
        }

        /// <summary>
        /// A whitespace-free text key for expressions that name the same storage each time they run
        /// (locals, parameters, fields, this.x, a.b, a[i]); null for calls and other computed values.
        /// </summary>
        private static string? KeyOf(ExpressionSyntax expression)
            => TryGetStableKey(expression, out var key, out _) ? key : null;

        /// <summary>
        /// KeyOf(expression) == key, asked of many expressions on the way to a wait: names are compared as
        /// they are, and a member path's text is built only when its last name already matches the key's end.
        /// </summary>
        private static bool HasKey(ExpressionSyntax expression, string? key)
        {
            if (key == null)
            {
                return false;
            }

            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            switch (expression)
            {
                case IdentifierNameSyntax identifier:
                    return identifier.Identifier.ValueText == key;
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } thisAccess:
                    return thisAccess.Name.Identifier.ValueText == key;
                case MemberAccessExpressionSyntax access:
                    return key.EndsWith(access.Name.Identifier.ValueText, System.StringComparison.Ordinal) && KeyOf(expression) == key;
                case ElementAccessExpressionSyntax:
                    return key.Length > 0 && key[key.Length - 1] == ']' && KeyOf(expression) == key;
                default:
                    return false;
            }
        }

        private static bool TryGetStableKey(SyntaxNode node, out string key, out string rootName)
        {
            key = "";
            rootName = "";
            var expression = node as ExpressionSyntax;
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            if (expression == null || !IsStable(expression))
            {
                return false;
            }

            var root = RootName(expression);
            if (root == null)
            {
                return false;
            }

            rootName = root;
            key = expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } thisAccess
                ? thisAccess.Name.Identifier.ValueText
                : Normalize(expression);
            return true;
        }

        private static bool IsStable(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax => true,
            ThisExpressionSyntax => true,
            MemberAccessExpressionSyntax access => IsStable(access.Expression),
            ElementAccessExpressionSyntax element => IsStable(element.Expression) && AllArgumentsSimple(element.ArgumentList),
            _ => false,
        };

        private static bool AllArgumentsSimple(BracketedArgumentListSyntax arguments)
        {
            foreach (var argument in arguments.Arguments)
            {
                if (argument.Expression is not (LiteralExpressionSyntax or IdentifierNameSyntax))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Normalize(ExpressionSyntax expression)
        {
            // The common key is a plain name: its token text, no allocation. ToString() already leaves out
            // the node's outer trivia (WithoutTrivia() would build a new tree to do the same).
            if (expression is IdentifierNameSyntax identifier)
            {
                return identifier.Identifier.ValueText;
            }

            var text = expression.ToString();
            return text.IndexOf(' ') < 0 && text.IndexOf('\n') < 0 ? text : text.Replace(" ", "").Replace("\r", "").Replace("\n", "").Replace("\t", "");
        }
    }
}
