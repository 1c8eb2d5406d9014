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
        public TaskWait(TaskWaitKind kind, IOperation operation, IOperation? task)
        {
            Kind = kind;
            Operation = operation;
            Task = task;
        }

        public TaskWaitKind Kind { get; }

        /// <summary>The whole blocking expression (the span that is reported and rewritten).</summary>
        public IOperation Operation { get; }

        /// <summary>The task waited on; null for Task.WaitAll / Task.WaitAny.</summary>
        public IOperation? Task { get; }

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
            var property = reference.Property.OriginalDefinition;
            if (reference.Instance != null
                && (KnownSymbols.Is(property, known.TaskOfTResult) || KnownSymbols.Is(property, known.ValueTaskOfTResult)))
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
                        wait = new TaskWait(TaskWaitKind.WaitAll, invocation, null);
                        return true;
                    case "WaitAny" when method.IsStatic && !HasZeroTimeout(invocation):
                        wait = new TaskWait(TaskWaitKind.WaitAny, invocation, null);
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
