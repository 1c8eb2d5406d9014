using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>
    /// Where code runs: console entry point, request handler, UI event handler, hosted-service start,
    /// library code. Rules use it to decide whether blocking there hurts and which fix is right.
    /// </summary>
    internal static class ExecutionContext
    {
        /// <summary>
        /// A synchronous console `Main` (or top-level statements) or a local function declared in it:
        /// there is no SynchronizationContext, so a blocking wait cannot deadlock there.
        /// </summary>
        public static bool IsConsoleEntryPoint(EnclosingFunction function)
        {
            if (function.Kind == FunctionKind.Lambda)
            {
                return false;
            }

            var member = function.ContainingMember as IMethodSymbol;
            return member != null && IsMainLike(member);
        }

        private static bool IsMainLike(IMethodSymbol method)
        {
            if (!method.IsStatic || method.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            // Top-level statements compile into a synthesized entry point named "<Main>$".
            return method.Name == "Main" || method.Name == "<Main>$";
        }
    }
}
