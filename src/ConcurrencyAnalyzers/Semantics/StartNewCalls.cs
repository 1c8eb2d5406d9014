using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>
    /// Recognises `TaskFactory.StartNew` calls whose delegate returns a task, so the call returns a
    /// `Task&lt;Task&gt;` (or `Task&lt;Task&lt;T&gt;&gt;`) whose outer task completes at the delegate's first await.
    /// CONC0403 reports them; CONC0304 owns the LongRunning variant; CONC0404 leaves them to both.
    /// </summary>
    internal static class StartNewCalls
    {
        /// <summary>Is this a StartNew (on TaskFactory or TaskFactory&lt;T&gt;) returning a task of a task?</summary>
        public static bool ReturnsTaskOfTask(IInvocationOperation invocation, KnownSymbols known)
        {
            var method = invocation.TargetMethod;
            if (method.Name != "StartNew")
            {
                return false;
            }

            var type = method.ContainingType?.OriginalDefinition;
            if (!KnownSymbols.Is(type, known.TaskFactory) && !KnownSymbols.Is(type, known.TaskFactoryOfT))
            {
                return false;
            }

            return invocation.Type is INamedTypeSymbol { TypeArguments.Length: 1 } result
                && KnownSymbols.Is(result.OriginalDefinition, known.TaskOfT)
                && result.TypeArguments[0] is INamedTypeSymbol inner
                && (KnownSymbols.Is(inner.OriginalDefinition, known.Task) || KnownSymbols.Is(inner.OriginalDefinition, known.TaskOfT));
        }

        /// <summary>The delegate argument of a StartNew call (the Func/Action parameter), or null.</summary>
        public static IArgumentOperation? DelegateArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>Does StartNew run on a dedicated thread (TaskCreationOptions.LongRunning)? That is CONC0304's case.</summary>
        public static bool IsLongRunning(IInvocationOperation invocation, KnownSymbols known)
        {
            var argument = DelegateArgument(invocation);
            return argument != null && DelegateExecution.Classify(argument, known) == DelegateRunsOn.DedicatedThread;
        }
    }
}
