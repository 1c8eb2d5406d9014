using System.Collections.Immutable;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.ThreadPlacement
{
    /// <summary>Small questions the thread-placement analyzers share (where to report, which delegate, which options).</summary>
    internal static class ThreadPlacementFacts
    {
        public const int LongRunningFlag = 2;

        /// <summary>Does an argument of type TaskCreationOptions carry LongRunning?</summary>
        public static bool HasLongRunning(ImmutableArray<IArgumentOperation> arguments, KnownSymbols known)
        {
            foreach (var argument in arguments)
            {
                if (KnownSymbols.Is(argument.Value.Type, known.TaskCreationOptions) || KnownSymbols.Is(argument.Parameter?.Type, known.TaskCreationOptions))
                {
                    if (DelegateExecution.CarriesLongRunning(argument.Value))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The delegate argument is an async lambda, async anonymous method or a method group naming an async method.</summary>
        public static bool IsAsyncDelegate(IOperation value, out IOperation? body)
        {
            body = null;
            value = OperationTree.DelegateTarget(value);
            if (value is IAnonymousFunctionOperation lambda)
            {
                body = lambda.Body;
                return lambda.Symbol.IsAsync;
            }

            if (value is IMethodReferenceOperation reference)
            {
                return reference.Method.IsAsync;
            }

            return false;
        }

        /// <summary>The lambda or anonymous method passed as <paramref name="value"/>, through conversions and delegate creation.</summary>
        public static IAnonymousFunctionOperation? AsLambda(IOperation value)
            => OperationTree.DelegateTarget(value) as IAnonymousFunctionOperation;

        /// <summary>`Task.Factory.StartNew` in `Task.Factory.StartNew(...)`: the called expression, not the whole call with its lambda.</summary>
        public static Location CalleeLocation(IOperation operation)
        {
            switch (operation.Syntax)
            {
                case InvocationExpressionSyntax invocation:
                    return invocation.Expression.GetLocation();
                case ObjectCreationExpressionSyntax creation:
                    return Location.Create(creation.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(creation.NewKeyword.SpanStart, creation.Type.Span.End));
                default:
                    return operation.Syntax.GetLocation();
            }
        }
    }
}
