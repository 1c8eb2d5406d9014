using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>
    /// Estimates how much CPU work a loop does, from what the code says: how many times it runs
    /// (constant bounds, bounds from data, `while (true)`), how deeply loops nest, and what one pass
    /// computes (arithmetic, indexing, bit operations, `Math.*`, hashing, crypto, compression, regex,
    /// serialization). The unit is roughly "simple operations"; a loop over data of unknown size
    /// counts <see cref="DataIterations"/> passes. Loops that wait (sleep, I/O, blocking waits) or
    /// await are not CPU work and cost 0.
    /// </summary>
    internal static class LoopCost
    {
        /// <summary>Default threshold of CONC0301: a nested pass over data, or a large constant loop, or a loop of heavy calls.</summary>
        public const long DefaultMinCost = 50_000;

        /// <summary>Passes assumed for a loop over data whose size the code does not say (a parameter, a length, a count).</summary>
        public const long DataIterations = 1_000;

        /// <summary>
        /// Passes assumed for a loop over business records (elements of a class, record or interface
        /// type): request-sized pages of orders, customers, discounts. A loop over the same collection
        /// as an enclosing loop (pairwise work) counts <see cref="DataIterations"/> instead.
        /// </summary>
        public const long RecordIterations = 100;

        /// <summary>Passes assumed for a `foreach` over a member of the enclosing loop's element (order.Lines inside a loop over orders).</summary>
        public const long ChildIterations = 10;

        /// <summary>Passes assumed for `while (true)` / `for (;;)` without a way out.</summary>
        public const long UnboundedIterations = 1_000_000;

        /// <summary>Cost given to work that is heavy whatever its size (a synchronous Parallel loop, PLINQ materialization).</summary>
        public const long Heavy = 10_000_000;

        /// <summary>Cost from which a loop counts as "very long" (a second or more of work): the dedicated-thread fix is offered.</summary>
        public const long VeryLong = 1_000_000_000;

        private const long Cap = 1_000_000_000_000;

        /// <summary>Estimated passes of the loop; <see cref="UnboundedIterations"/> for loops with no way out.</summary>
        public static long Iterations(ILoopOperation loop)
        {
            switch (loop)
            {
                case IForLoopOperation forLoop:
                    return ForIterations(forLoop);
                case IForEachLoopOperation forEach:
                    return ForEachIterations(forEach);
                case IWhileLoopOperation whileLoop:
                    var condition = whileLoop.Condition;
                    if (condition == null || (condition.ConstantValue.HasValue && condition.ConstantValue.Value is true))
                    {
                        return HasExit(whileLoop.Body) ? DataIterations : UnboundedIterations;
                    }

                    return DataIterations;
                default:
                    return DataIterations;
            }
        }

        /// <summary>The loop has no condition (or a constant `true`) and nothing in its body leaves it.</summary>
        public static bool IsUnbounded(ILoopOperation loop)
        {
            switch (loop)
            {
                case IForLoopOperation forLoop:
                    return (forLoop.Condition == null || (forLoop.Condition.ConstantValue.HasValue && forLoop.Condition.ConstantValue.Value is true)) && !HasExit(forLoop.Body);
                case IWhileLoopOperation whileLoop:
                    return (whileLoop.Condition == null || (whileLoop.Condition.ConstantValue.HasValue && whileLoop.Condition.ConstantValue.Value is true)) && !HasExit(whileLoop.Body);
                default:
                    return false;
            }
        }

        /// <summary>Estimated CPU cost of the whole loop (nested loops included); 0 for loops that wait or await.</summary>
        public static long Estimate(ILoopOperation loop, KnownSymbols known, CancellationToken cancellationToken)
        {
            var body = new BodyScan(known, cancellationToken);
            body.Visit(loop.Body, loop);
            if (loop is IWhileLoopOperation { Condition: { } condition })
            {
                body.Visit(condition, loop);
            }

            if (body.Waits || body.Awaits)
            {
                return 0;
            }

            // Every pass costs at least its own step and test, so a nest of loops over data is never free.
            return Multiply(Iterations(loop), body.Cost + 1);
        }

        /// <summary>
        /// Cost of a single call that is CPU-heavy by itself: a synchronous `Parallel.For/ForEach/Invoke`,
        /// a PLINQ materialization, key derivation (`Rfc2898DeriveBytes`) with a large iteration count.
        /// Returns 0 for anything else, so callers can ask about every invocation cheaply.
        /// </summary>
        public static long SingleCallCost(IInvocationOperation invocation, KnownSymbols known)
        {
            var method = invocation.TargetMethod;

            // Runs for every call: only these names, or a PLINQ extension method, can be CPU-heavy by themselves.
            if (method.Name is not ("For" or "ForEach" or "Invoke" or "Pbkdf2" or "GetBytes") && !method.IsExtensionMethod)
            {
                return 0;
            }

            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return 0;
            }

            if (known.Parallel.Is(type))
            {
                return method.Name == "For" || method.Name == "ForEach" || method.Name == "Invoke" ? Heavy : 0;
            }

            if (known.ParallelEnumerable.Is(type))
            {
                // AsParallel/Where/Select build the query; ToList/ToArray/Sum/Count/ForAll... run it, on the caller's thread too.
                var returned = method.ReturnType as INamedTypeSymbol;
                if (returned != null && known.ParallelQuery.IsBaseOf(returned))
                {
                    return 0;
                }

                return method.Name == "AsParallel" || method.Name == "AsSequential" || method.Name == "AsEnumerable" ? 0 : Heavy;
            }

            if (known.Rfc2898DeriveBytes.Is(type))
            {
                if (method.Name == "Pbkdf2")
                {
                    return IterationsCost(invocation.Arguments);
                }

                // `new Rfc2898DeriveBytes(password, salt, 310_000, ...)` then `GetBytes(32)`: the work happens in GetBytes.
                if (method.Name == "GetBytes" && invocation.Instance is ILocalReferenceOperation local
                    && FindInitializer(invocation, local.Local) is IObjectCreationOperation creation)
                {
                    return IterationsCost(creation.Arguments);
                }
            }

            return 0;
        }

        private static long IterationsCost(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == "iterations" && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    var value = argument.Value.ConstantValue;
                    if (!value.HasValue)
                    {
                        // Key derivation is slow by design; a configured count is in the tens of thousands or more.
                        return Heavy;
                    }

                    return value.Value is int count && count >= 10_000 ? Multiply(count, 100) : 0;
                }
            }

            return 0;
        }

        private static IOperation? FindInitializer(IOperation site, ILocalSymbol local)
        {
            if (OperationTree.DeclarationOf(local, site) is not IVariableDeclaratorOperation declarator)
            {
                return null;
            }

            var value = declarator.Initializer?.Value;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return value;
        }

        /// <summary>Per-call weight inside a loop body: 0 for calls that are not known to compute.</summary>
        private static long CallWeight(IInvocationOperation invocation, KnownSymbols known)
        {
            var single = SingleCallCost(invocation, known);
            if (single > 0)
            {
                return single;
            }

            var method = invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return 0;
            }

            if (KnownSymbols.Is(type, known.Math) || KnownSymbols.Is(type, known.MathF))
            {
                return 4;
            }

            if (known.HashTypes.Contains(type) || known.HashAlgorithm.IsBaseOf(type)
                || known.SymmetricAlgorithm.IsBaseOf(type) || known.AsymmetricAlgorithm.IsBaseOf(type)
                || known.Rfc2898DeriveBytes.Is(type))
            {
                return method.Name == "Dispose" || method.Name == "Clear" || method.Name.StartsWith("Create", StringComparison.Ordinal) ? 0 : 500;
            }

            if (known.CompressionTypes.Contains(type))
            {
                return 500;
            }

            if (known.SerializerTypes.Contains(type))
            {
                return 30;
            }

            if (known.Regex.Is(type))
            {
                return 20;
            }

            return 0;
        }

        private static bool HasExit(IOperation body)
            => OperationTree.Any(body, body, static (node, loopBody) => node switch
            {
                IBranchOperation { BranchKind: BranchKind.Break } branch => IsOwnLoopExit(branch, loopBody),
                IBranchOperation { BranchKind: BranchKind.GoTo } or IReturnOperation or IThrowOperation => true,
                _ => false,
            });

        /// <summary>A `break` that leaves the loop whose body is <paramref name="body"/> (not a nested loop or switch).</summary>
        private static bool IsOwnLoopExit(IBranchOperation branch, IOperation body)
        {
            for (var current = branch.Parent; current != null && current != body; current = current.Parent)
            {
                if (current is ILoopOperation || current is ISwitchOperation)
                {
                    return false;
                }
            }

            return true;
        }

        private static long ForIterations(IForLoopOperation loop)
        {
            if (loop.Condition == null)
            {
                return HasExit(loop.Body) ? DataIterations : UnboundedIterations;
            }

            var condition = loop.Condition;
            if (condition.ConstantValue.HasValue && condition.ConstantValue.Value is true)
            {
                return HasExit(loop.Body) ? DataIterations : UnboundedIterations;
            }

            if (condition is IBinaryOperation binary)
            {
                // i < N, i <= N, N > i, N >= i with a constant N.
                var bound = Unwrap(binary.RightOperand).ConstantValue;
                if (!bound.HasValue)
                {
                    bound = Unwrap(binary.LeftOperand).ConstantValue;
                }

                if (bound.HasValue && TryGetLong(bound.Value, out var limit))
                {
                    var start = 0L;
                    foreach (var before in loop.Before)
                    {
                        if (TryGetInitialValue(before, out var initial))
                        {
                            start = initial;
                        }
                    }

                    var count = Math.Max(0, limit - start);
                    return Math.Max(1, count / Step(loop));
                }

                // i < orders.Count: as many passes as the collection has elements.
                var collection = SizedCollection(binary.RightOperand) ?? SizedCollection(binary.LeftOperand);
                if (collection != null)
                {
                    return SizeOf(collection, ElementType(collection.Type), loop);
                }
            }

            return DataIterations;
        }

        /// <summary>`x` in `x.Count`, `x.Length`, `x.Count()`, `x.LongLength`.</summary>
        private static IOperation? SizedCollection(IOperation operand)
        {
            operand = Unwrap(operand);
            switch (operand)
            {
                case IPropertyReferenceOperation { Property.Name: "Count" or "Length" or "LongLength", Instance: { } instance }:
                    return instance;
                case IInvocationOperation { TargetMethod.Name: "Count" or "LongCount", Arguments.Length: 1 } count when count.TargetMethod.IsExtensionMethod:
                    return Unwrap(count.Arguments[0].Value);
                default:
                    return null;
            }
        }

        private static long SizeOf(IOperation collection, ITypeSymbol? elementType, ILoopOperation loop)
        {
            if (!IsRecordType(elementType))
            {
                return DataIterations;
            }

            var symbol = CollectionSymbol(collection);
            return symbol != null && EnclosingLoopIterates(loop, symbol) ? DataIterations : RecordIterations;
        }

        /// <summary>Class, record or interface elements, not strings, arrays or numbers: business records.</summary>
        private static bool IsRecordType(ITypeSymbol? type)
            => type != null && type.IsReferenceType && type.SpecialType != SpecialType.System_String
                && type.TypeKind != TypeKind.Array && type.TypeKind != TypeKind.TypeParameter && type.TypeKind != TypeKind.Error;

        private static ITypeSymbol? ElementType(ITypeSymbol? collectionType)
        {
            if (collectionType is IArrayTypeSymbol array)
            {
                return array.ElementType;
            }

            if (collectionType is INamedTypeSymbol named)
            {
                if (named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return named.TypeArguments[0];
                }

                foreach (var implemented in named.AllInterfaces)
                {
                    if (implemented.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                    {
                        return implemented.TypeArguments[0];
                    }
                }
            }

            return null;
        }

        private static ISymbol? CollectionSymbol(IOperation collection)
        {
            switch (Unwrap(collection))
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                    return property.Property;
                default:
                    return null;
            }
        }

        /// <summary>Does a loop around <paramref name="loop"/> (same function) walk the same collection? Then this is pairwise work.</summary>
        private static bool EnclosingLoopIterates(ILoopOperation loop, ISymbol symbol)
        {
            for (var current = loop.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                    case IForEachLoopOperation outerForEach when SymbolEqualityComparer.Default.Equals(CollectionSymbol(outerForEach.Collection), symbol):
                        return true;
                    case IForLoopOperation { Condition: IBinaryOperation condition }
                        when SymbolEqualityComparer.Default.Equals(CollectionSymbol(SizedCollection(condition.RightOperand) ?? SizedCollection(condition.LeftOperand) ?? condition), symbol):
                        return true;
                }
            }

            return false;
        }

        private static long Step(IForLoopOperation loop)
        {
            foreach (var step in loop.AtLoopBottom)
            {
                var operation = step is IExpressionStatementOperation statement ? statement.Operation : step;
                if (operation is ICompoundAssignmentOperation compound && Unwrap(compound.Value).ConstantValue is { HasValue: true } value && TryGetLong(value.Value, out var amount))
                {
                    if (compound.OperatorKind == BinaryOperatorKind.Add || compound.OperatorKind == BinaryOperatorKind.Subtract)
                    {
                        return Math.Max(1, Math.Abs(amount));
                    }

                    if (compound.OperatorKind == BinaryOperatorKind.Multiply || compound.OperatorKind == BinaryOperatorKind.LeftShift)
                    {
                        // Geometric: a few dozen passes at most.
                        return long.MaxValue / 2;
                    }
                }
            }

            return 1;
        }

        private static bool TryGetInitialValue(IOperation before, out long value)
        {
            value = 0;
            if (before is IVariableDeclarationGroupOperation group)
            {
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        var initializer = declarator.Initializer ?? declaration.Initializer;
                        if (initializer != null && Unwrap(initializer.Value).ConstantValue is { HasValue: true } constant && TryGetLong(constant.Value, out value))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static long ForEachIterations(IForEachLoopOperation loop)
        {
            var collection = Unwrap(loop.Collection);

            // Enumerable.Range(start, constantCount)
            if (collection is IInvocationOperation { TargetMethod.Name: "Range", Arguments.Length: 2 } range
                && range.TargetMethod.ContainingType?.Name == "Enumerable"
                && Unwrap(range.Arguments[1].Value).ConstantValue is { HasValue: true } count
                && TryGetLong(count.Value, out var n))
            {
                return Math.Max(0, n);
            }

            // A literal array or collection expression: as many passes as elements.
            if (collection is IArrayCreationOperation { Initializer: { } initializer })
            {
                return initializer.ElementValues.Length;
            }

            if (ReadsEnclosingIterationVariable(collection, loop))
            {
                return ChildIterations;
            }

            ITypeSymbol? elementType = null;
            if (loop.Locals.Length == 1)
            {
                elementType = loop.Locals[0].Type;
            }

            return SizeOf(collection, elementType ?? ElementType(collection.Type), loop);
        }

        /// <summary>`foreach (var line in order.Lines)` inside `foreach (var order in orders)`: a child collection, not a second dimension.</summary>
        private static bool ReadsEnclosingIterationVariable(IOperation collection, IForEachLoopOperation loop)
        {
            for (var current = loop.Parent; current != null; current = current.Parent)
            {
                if (current is IForEachLoopOperation outer)
                {
                    foreach (var local in outer.Locals)
                    {
                        if (OperationTree.Any(collection, local, static (node, iterationVariable) =>
                            node is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, iterationVariable)))
                        {
                            return true;
                        }
                    }
                }

                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    break;
                }
            }

            return false;
        }

        private static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        private static bool TryGetLong(object? value, out long result)
        {
            switch (value)
            {
                case int i:
                    result = i;
                    return true;
                case long l:
                    result = l;
                    return true;
                case uint u:
                    result = u;
                    return true;
                case short s:
                    result = s;
                    return true;
                case byte b:
                    result = b;
                    return true;
                default:
                    result = 0;
                    return false;
            }
        }

        internal static long Multiply(long a, long b)
        {
            if (a <= 0 || b <= 0)
            {
                return 0;
            }

            return a > Cap / b ? Cap : Math.Min(Cap, a * b);
        }

        /// <summary>Does the operation contain an await (or an `await foreach`/`await using`) outside nested functions?</summary>
        public static bool ContainsAwait(IOperation operation)
            => OperationTree.Any(operation, operation, static (node, root) => node switch
            {
                IAwaitOperation or IForEachLoopOperation { IsAsynchronous: true } or IUsingOperation { IsAsynchronous: true }
                    or IUsingDeclarationOperation { IsAsynchronous: true } => !IsInNestedFunction(node, root),
                _ => false,
            });

        internal static bool IsInNestedFunction(IOperation node, IOperation root)
        {
            for (var current = node.Parent; current != null && current != root; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Walks one loop body: sums the cost of one pass, nested loops included, and notes waits and awaits.</summary>
        private struct BodyScan
        {
            private readonly KnownSymbols _known;
            private readonly CancellationToken _cancellationToken;

            public BodyScan(KnownSymbols known, CancellationToken cancellationToken)
            {
                _known = known;
                _cancellationToken = cancellationToken;
            }

            public long Cost { get; private set; }

            public bool Waits { get; private set; }

            public bool Awaits { get; private set; }

            public void Visit(IOperation? operation, ILoopOperation owner)
            {
                if (operation == null)
                {
                    return;
                }

                _cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        // Deferred code: runs when (and wherever) the delegate is invoked.
                        return;
                    case ILoopOperation inner when inner != owner:
                        var nested = new BodyScan(_known, _cancellationToken);
                        nested.Visit(inner.Body, inner);
                        if (inner is IWhileLoopOperation { Condition: { } innerCondition })
                        {
                            nested.Visit(innerCondition, inner);
                        }

                        if (inner is IForLoopOperation { Condition: { } forCondition })
                        {
                            nested.Visit(forCondition, inner);
                        }

                        Waits |= nested.Waits;
                        Awaits |= nested.Awaits || inner is IForEachLoopOperation { IsAsynchronous: true };
                        Cost = Add(Cost, Multiply(Iterations(inner), nested.Cost + 1));
                        return;
                    case IAwaitOperation:
                        Awaits = true;
                        break;
                    case IInvocationOperation invocation:
                        if (BlockingCalls.Classify(invocation, _known) != BlockingKind.None)
                        {
                            Waits = true;
                        }
                        else
                        {
                            Cost = Add(Cost, CallWeight(invocation, _known));
                        }

                        break;
                    case IPropertyReferenceOperation property when TaskWaits.TryGetWait(property, _known, out _):
                        Waits = true;
                        break;
                    case IBinaryOperation binary when IsArithmetic(binary.OperatorKind) && IsNumeric(binary.Type):
                        Cost = Add(Cost, 1);
                        break;
                    case IBinaryOperation comparison when IsComparison(comparison.OperatorKind) && IsNumeric(comparison.LeftOperand.Type) && IsNumeric(comparison.RightOperand.Type):
                        Cost = Add(Cost, 1);
                        break;
                    case ICompoundAssignmentOperation compound when IsArithmetic(compound.OperatorKind) && IsNumeric(compound.Type):
                        Cost = Add(Cost, 1);
                        break;
                    case IIncrementOrDecrementOperation:
                        Cost = Add(Cost, 1);
                        break;
                    case IArrayElementReferenceOperation:
                        Cost = Add(Cost, 1);
                        break;
                    case IPropertyReferenceOperation { Property.IsIndexer: true }:
                        Cost = Add(Cost, 1);
                        break;
                }

                foreach (var child in operation.ChildOperations)
                {
                    Visit(child, owner);
                }
            }

            private static long Add(long a, long b) => a > Cap - b ? Cap : a + b;

            private static bool IsArithmetic(BinaryOperatorKind kind)
            {
                switch (kind)
                {
                    case BinaryOperatorKind.Add:
                    case BinaryOperatorKind.Subtract:
                    case BinaryOperatorKind.Multiply:
                    case BinaryOperatorKind.Divide:
                    case BinaryOperatorKind.Remainder:
                    case BinaryOperatorKind.LeftShift:
                    case BinaryOperatorKind.RightShift:
                    case BinaryOperatorKind.UnsignedRightShift:
                    case BinaryOperatorKind.And:
                    case BinaryOperatorKind.Or:
                    case BinaryOperatorKind.ExclusiveOr:
                        return true;
                    default:
                        return false;
                }
            }

            private static bool IsComparison(BinaryOperatorKind kind)
                => kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.LessThan
                    or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;

            private static bool IsNumeric(ITypeSymbol? type)
            {
                switch (type?.SpecialType)
                {
                    case SpecialType.System_Byte:
                    case SpecialType.System_SByte:
                    case SpecialType.System_Int16:
                    case SpecialType.System_UInt16:
                    case SpecialType.System_Int32:
                    case SpecialType.System_UInt32:
                    case SpecialType.System_Int64:
                    case SpecialType.System_UInt64:
                    case SpecialType.System_Single:
                    case SpecialType.System_Double:
                    case SpecialType.System_Decimal:
                    case SpecialType.System_Char:
                        return true;
                    default:
                        return false;
                }
            }
        }
    }
}
