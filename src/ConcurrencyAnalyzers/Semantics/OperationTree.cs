using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>Small navigation questions about operation trees and method names, asked by several rules.</summary>
    internal static class OperationTree
    {
        /// <summary>The topmost operation of the body (or initializer) that holds <paramref name="operation"/>.</summary>
        public static IOperation Root(IOperation operation)
        {
            var current = operation;
            while (current.Parent != null)
            {
                current = current.Parent;
            }

            return current;
        }

        /// <summary>
        /// What a delegate-typed value refers to, through conversions and delegate creations: the lambda,
        /// the method reference, or the value itself when it is neither.
        /// </summary>
        public static IOperation DelegateTarget(IOperation value)
        {
            while (true)
            {
                switch (value)
                {
                    case IConversionOperation conversion:
                        value = conversion.Operand;
                        continue;
                    case IDelegateCreationOperation creation:
                        value = creation.Target;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        value = parenthesized.Operand;
                        continue;
                    default:
                        return value;
                }
            }
        }

        /// <summary>The expression a method name stands for: `M` itself, or `x.M` when it is the member name.</summary>
        public static ExpressionSyntax NamedExpression(SimpleNameSyntax name)
            => name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;

        /// <summary>The call whose target is this name (`M(...)`, `this.M(...)`), else null: the name is then a method group or a value.</summary>
        public static InvocationExpressionSyntax? InvocationOf(SimpleNameSyntax name)
        {
            var expression = NamedExpression(name);
            return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : null;
        }
    }
}
