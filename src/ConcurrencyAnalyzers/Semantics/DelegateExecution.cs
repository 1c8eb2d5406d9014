using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>Where a delegate handed to a threading API runs, relative to the code that hands it over.</summary>
    internal enum DelegateRunsOn
    {
        /// <summary>Unknown or same thread (LINQ, List.ForEach, callbacks we know nothing about).</summary>
        Unknown,

        /// <summary>A thread-pool thread: Task.Run, Task.Factory.StartNew without LongRunning, ThreadPool.QueueUserWorkItem, timer callbacks.</summary>
        ThreadPool,

        /// <summary>A thread of its own: new Thread(...), StartNew(..., TaskCreationOptions.LongRunning).</summary>
        DedicatedThread,

        /// <summary>Many invocations at once: Parallel.For/ForEach/ForEachAsync/Invoke, PLINQ ForAll.</summary>
        Parallel,
    }

    /// <summary>
    /// Answers "where does this lambda run?" for the APIs that start concurrent work. Every rule that
    /// cares about code running on another thread (long-running loops on the pool, races on shared
    /// state, LongRunning with async delegates) asks here.
    /// </summary>
    internal static class DelegateExecution
    {
        /// <summary>Classifies the function (lambda, anonymous method or method group) passed as <paramref name="argument"/>.</summary>
        public static DelegateRunsOn Classify(IArgumentOperation argument, KnownSymbols known)
        {
            if (argument.Parent is IInvocationOperation invocation)
            {
                return ClassifyInvocation(invocation, known);
            }

            if (argument.Parent is IObjectCreationOperation creation)
            {
                var type = creation.Type?.OriginalDefinition;
                if (type == null)
                {
                    return DelegateRunsOn.Unknown;
                }

                if (IsType(type, "Thread", "System.Threading"))
                {
                    return DelegateRunsOn.DedicatedThread;
                }

                if (IsType(type, "Timer", "System.Threading"))
                {
                    return DelegateRunsOn.ThreadPool;
                }

                if (IsType(type, "Task", "System.Threading.Tasks") || (type.Name == "Task" && type is INamedTypeSymbol { Arity: 1 } && IsNamespace(type.ContainingNamespace, "System.Threading.Tasks")))
                {
                    return HasLongRunning(creation.Arguments) ? DelegateRunsOn.DedicatedThread : DelegateRunsOn.ThreadPool;
                }
            }

            return DelegateRunsOn.Unknown;
        }

        /// <summary>Finds the function an operation is in and, if that is a delegate passed to a threading API, where it runs.</summary>
        public static DelegateRunsOn ClassifyEnclosing(IOperation operation, KnownSymbols known, out IAnonymousFunctionOperation? function)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda)
                {
                    function = lambda;
                    var outer = lambda.Parent;
                    while (outer is IDelegateCreationOperation or IConversionOperation)
                    {
                        outer = outer.Parent;
                    }

                    return outer is IArgumentOperation argument ? Classify(argument, known) : DelegateRunsOn.Unknown;
                }

                if (current is ILocalFunctionOperation)
                {
                    break;
                }
            }

            function = null;
            return DelegateRunsOn.Unknown;
        }

        private static DelegateRunsOn ClassifyInvocation(IInvocationOperation invocation, KnownSymbols known)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return DelegateRunsOn.Unknown;
            }

            if (KnownSymbols.Is(type, known.Task) && method.Name == "Run")
            {
                return DelegateRunsOn.ThreadPool;
            }

            if ((KnownSymbols.Is(type, known.TaskFactory) || KnownSymbols.Is(type, known.TaskFactoryOfT)) && method.Name == "StartNew")
            {
                return HasLongRunning(invocation.Arguments) ? DelegateRunsOn.DedicatedThread : DelegateRunsOn.ThreadPool;
            }

            if (IsType(type, "ThreadPool", "System.Threading")
                && (method.Name == "QueueUserWorkItem" || method.Name == "UnsafeQueueUserWorkItem" || method.Name == "RegisterWaitForSingleObject"))
            {
                return DelegateRunsOn.ThreadPool;
            }

            if (IsType(type, "Parallel", "System.Threading.Tasks"))
            {
                return DelegateRunsOn.Parallel;
            }

            if (IsType(type, "ParallelEnumerable", "System.Linq"))
            {
                return DelegateRunsOn.Parallel;
            }

            return DelegateRunsOn.Unknown;
        }

        private static bool HasLongRunning(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                var value = argument.Value;
                while (value is IConversionOperation conversion)
                {
                    value = conversion.Operand;
                }

                if (value.Type?.Name == "TaskCreationOptions")
                {
                    return CarriesLongRunning(value);
                }
            }

            return false;
        }

        /// <summary>
        /// A TaskCreationOptions value with the LongRunning bit (2): a constant, or a non-constant
        /// `options | TaskCreationOptions.LongRunning` where one operand of the `|` carries it.
        /// </summary>
        internal static bool CarriesLongRunning(IOperation value)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value is int flags && (flags & 2) != 0;
            }

            if (value is IParenthesizedOperation parenthesized)
            {
                return CarriesLongRunning(parenthesized.Operand);
            }

            return value is IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } or
                && (CarriesLongRunning(or.LeftOperand) || CarriesLongRunning(or.RightOperand));
        }

        private static bool IsType(ITypeSymbol type, string name, string ns)
            => type.Name == name && IsNamespace(type.ContainingNamespace, ns);

        private static bool IsNamespace(INamespaceSymbol? symbol, string dotted)
        {
            var end = dotted.Length;
            for (var current = symbol; current != null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                var start = dotted.LastIndexOf('.', end - 1) + 1;
                if (end - start != current.Name.Length || string.CompareOrdinal(dotted, start, current.Name, 0, current.Name.Length) != 0)
                {
                    return false;
                }

                end = start - 1;
                if (end < 0)
                {
                    return current.ContainingNamespace == null || current.ContainingNamespace.IsGlobalNamespace;
                }
            }

            return false;
        }
    }
}
