using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.Shared
{
    /// <summary>Syntax helpers every fix that introduces an `await` uses.</summary>
    internal static class AwaitSyntax
    {
        /// <summary>
        /// Is an `await` legal at this node? Not inside a lock body, an unsafe context, a query clause
        /// (past the first from), a catch filter, or a non-async function between it and its async one.
        /// </summary>
        public static bool CanAwaitAt(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case LockStatementSyntax:
                    case UnsafeStatementSyntax:
                    case CatchFilterClauseSyntax:
                    case QueryBodySyntax:
                    case JoinClauseSyntax:
                        return false;
                    case FromClauseSyntax from when from.Parent is not QueryExpressionSyntax:
                        return false;
                    case AnonymousFunctionExpressionSyntax lambda:
                        return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                    case LocalFunctionStatementSyntax localFunction:
                        return localFunction.Modifiers.Any(SyntaxKind.AsyncKeyword) && !localFunction.Modifiers.Any(SyntaxKind.UnsafeKeyword);
                    case BaseMethodDeclarationSyntax method:
                        return method.Modifiers.Any(SyntaxKind.AsyncKeyword) && !method.Modifiers.Any(SyntaxKind.UnsafeKeyword) && !IsInUnsafeType(method);
                    case GlobalStatementSyntax:
                        return true;
                    case AccessorDeclarationSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }

        private static bool IsInUnsafeType(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (current is TypeDeclarationSyntax type && type.Modifiers.Any(SyntaxKind.UnsafeKeyword))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// `await operand`, wrapped in parentheses that the simplifier drops again where precedence
        /// does not need them (so `t.Result.Length` becomes `(await t).Length`). Keeps the trivia of
        /// the node it replaces.
        /// </summary>
        public static ExpressionSyntax AwaitReplacing(ExpressionSyntax replaced, ExpressionSyntax operand)
        {
            var awaitExpression = SyntaxFactory.AwaitExpression(operand.WithoutTrivia());
            ExpressionSyntax result = NeedsParentheses(replaced)
                ? SyntaxFactory.ParenthesizedExpression(awaitExpression).WithAdditionalAnnotations(Simplifier.Annotation)
                : awaitExpression;
            return result.WithTriviaFrom(replaced);
        }

        private static bool NeedsParentheses(ExpressionSyntax replaced)
        {
            switch (replaced.Parent)
            {
                case MemberAccessExpressionSyntax access when access.Expression == replaced:
                case ElementAccessExpressionSyntax element when element.Expression == replaced:
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == replaced:
                case InvocationExpressionSyntax invocation when invocation.Expression == replaced:
                case PostfixUnaryExpressionSyntax:
                    return true;
                default:
                    return false;
            }
        }
    }
}
