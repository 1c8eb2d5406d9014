using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    internal enum TaskWaitKind
    {
        Result,
        Wait,
        GetResult,
        WaitAll,
        WaitAny,
    }

    /// <summary>A synchronous wait on a task found in an operation.</summary>
    internal readonly struct TaskWait
    {
        public TaskWait(TaskWaitKind kind, IOperation operation, IOperation? task, System.Collections.Immutable.ImmutableArray<IOperation> waitedTasks = default)
        {
            Kind = kind;
            Operation = operation;
            Task = task;
            WaitedTasks = waitedTasks;
        }

        public TaskWaitKind Kind { get; }

        /// <summary>The whole blocking expression (the span that is reported and rewritten).</summary>
        public IOperation Operation { get; }

        /// <summary>The task waited on; null for Task.WaitAll / Task.WaitAny (see <see cref="WaitedTasks"/>).</summary>
        public IOperation? Task { get; }

        /// <summary>
        /// For Task.WaitAll / Task.WaitAny: each task passed in a params list, or the one collection passed;
        /// empty when the tasks cannot be listed.
        /// </summary>
        public System.Collections.Immutable.ImmutableArray<IOperation> WaitedTasks { get; }

        public string Display => Kind switch
        {
            TaskWaitKind.Result => ".Result",
            TaskWaitKind.Wait => ".Wait()",
            TaskWaitKind.GetResult => ".GetAwaiter().GetResult()",
            TaskWaitKind.WaitAll => "Task.WaitAll",
            _ => "Task.WaitAny",
        };

        public string AwaitAlternative => Kind switch
        {
            TaskWaitKind.WaitAll => "await Task.WhenAll",
            TaskWaitKind.WaitAny => "await Task.WhenAny",
            _ => "await",
        };
    }

    /// <summary>
    /// Recognises the ways code blocks on a task: .Result, .Wait(...), GetAwaiter().GetResult() (also
    /// after ConfigureAwait), Task.WaitAll and Task.WaitAny, on Task, Task&lt;T&gt;, ValueTask and ValueTask&lt;T&gt;.
    /// A wait with a zero timeout is a poll, not a wait.
    /// </summary>
    internal static class TaskWaits
    {
        public static bool TryGetWait(IPropertyReferenceOperation reference, KnownSymbols known, out TaskWait wait)
        {
            // Runs for every property access: the name (a stored string) rules out almost all of them
            // before any symbol is compared.
            var property = reference.Property;
            if (reference.Instance != null
                && property.Name == "Result"
                && (KnownSymbols.Is(property.OriginalDefinition, known.TaskOfTResult) || KnownSymbols.Is(property.OriginalDefinition, known.ValueTaskOfTResult)))
            {
                wait = new TaskWait(TaskWaitKind.Result, reference, reference.Instance);
                return true;
            }

            wait = default;
            return false;
        }

        public static bool TryGetWait(IInvocationOperation invocation, KnownSymbols known, out TaskWait wait)
        {
            wait = default;
            var method = invocation.TargetMethod;

            // Runs for every call: only four method names can be a wait, so check the name first.
            var name = method.Name;
            if (name != "Wait" && name != "WaitAll" && name != "WaitAny" && name != "GetResult")
            {
                return false;
            }

            var containingType = method.ContainingType?.OriginalDefinition;
            if (containingType == null)
            {
                return false;
            }

            if (KnownSymbols.Is(containingType, known.Task))
            {
                switch (method.Name)
                {
                    case "Wait" when invocation.Instance != null && !HasZeroTimeout(invocation):
                        wait = new TaskWait(TaskWaitKind.Wait, invocation, invocation.Instance);
                        return true;
                    case "WaitAll" when method.IsStatic && !HasZeroTimeout(invocation):
                        wait = new TaskWait(TaskWaitKind.WaitAll, invocation, null, ListTasks(invocation));
                        return true;
                    case "WaitAny" when method.IsStatic && !HasZeroTimeout(invocation):
                        wait = new TaskWait(TaskWaitKind.WaitAny, invocation, null, ListTasks(invocation));
                        return true;
                    default:
                        return false;
                }
            }

            if (method.Name == "GetResult" && known.AwaiterTypes.Contains(containingType))
            {
                // Only awaiter.GetResult() chained straight off GetAwaiter(): a stored awaiter is the
                // low-level awaiter pattern (checked IsCompleted, OnCompleted...) and not a plain wait.
                var instance = invocation.Instance;
                while (instance is IConversionOperation conversion)
                {
                    instance = conversion.Operand;
                }

                if (instance is IInvocationOperation getAwaiter && getAwaiter.TargetMethod.Name == "GetAwaiter" && getAwaiter.Instance != null)
                {
                    wait = new TaskWait(TaskWaitKind.GetResult, invocation, getAwaiter.Instance);
                    return true;
                }
            }

            return false;
        }

        private static System.Collections.Immutable.ImmutableArray<IOperation> ListTasks(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal != 0)
                {
                    continue;
                }

                var value = argument.Value;
                while (value is IConversionOperation conversion)
                {
                    value = conversion.Operand;
                }

                // ParamCollection (params ReadOnlySpan<Task>, newer compilers) has no enum member in Roslyn 4.8.
                if (argument.ArgumentKind == ArgumentKind.ParamArray || (int)argument.ArgumentKind == 4)
                {
                    if (value is IArrayCreationOperation { Initializer: { } initializer })
                    {
                        return initializer.ElementValues;
                    }

                    return TasksFromArgumentSyntax(invocation);
                }

                return System.Collections.Immutable.ImmutableArray.Create(value);
            }

            return System.Collections.Immutable.ImmutableArray<IOperation>.Empty;
        }

        private static System.Collections.Immutable.ImmutableArray<IOperation> TasksFromArgumentSyntax(IInvocationOperation invocation)
        {
            if (invocation.SemanticModel == null
                || invocation.Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax syntax)
            {
                return System.Collections.Immutable.ImmutableArray<IOperation>.Empty;
            }

            var builder = System.Collections.Immutable.ImmutableArray.CreateBuilder<IOperation>(syntax.ArgumentList.Arguments.Count);
            foreach (var argumentSyntax in syntax.ArgumentList.Arguments)
            {
                var operation = invocation.SemanticModel.GetOperation(argumentSyntax.Expression);
                if (operation == null || argumentSyntax.NameColon != null)
                {
                    return System.Collections.Immutable.ImmutableArray<IOperation>.Empty;
                }

                builder.Add(operation);
            }

            return builder.MoveToImmutable();
        }

        private static bool IsZero(Optional<object?> constant)
            => constant.HasValue && constant.Value switch
            {
                int i => i == 0,
                long l => l == 0,
                double d => d == 0,
                _ => false,
            };

        /// <summary>A timeout argument that is a constant zero (`0`, `TimeSpan.Zero`): a poll, not a wait. Shared with the Blocking rules.</summary>
        internal static bool HasZeroTimeout(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter == null)
                {
                    continue;
                }

                var type = parameter.Type;
                if (type.SpecialType == SpecialType.System_Int32 && parameter.Name.StartsWith("millisecondsTimeout", System.StringComparison.Ordinal))
                {
                    return argument.Value.ConstantValue.HasValue && argument.Value.ConstantValue.Value is int ms && ms == 0;
                }

                if (type.Name == "TimeSpan")
                {
                    return argument.Value is IFieldReferenceOperation { Field.Name: "Zero" }
                        || (argument.Value is IInvocationOperation { TargetMethod.Name: "FromMilliseconds" or "FromSeconds" } from
                            && from.Arguments.Length == 1 && IsZero(from.Arguments[0].Value.ConstantValue));
                }
            }

            return false;
        }
    }
}
