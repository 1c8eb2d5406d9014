using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.Shared
{
    /// <summary>Where an `await` inserted at a node would land.</summary>
    internal enum AwaitSite
    {
        Illegal,
        AsyncFunction,
        TopLevel,
        SynchronousMethod,

        /// <summary>Directly in a non-async lambda (only from the three-argument overload).</summary>
        SynchronousLambda,
    }

    /// <summary>Syntax helpers every fix that introduces an `await` uses.</summary>
    internal static class AwaitSyntax
    {
        /// <summary>
        /// Is an `await` legal at this node? Not inside a lock body, an unsafe context, a query clause
        /// (past the first from), a catch filter, or a non-async function between it and its async one.
        /// </summary>
        public static bool CanAwaitAt(SyntaxNode node)
        {
            var site = ClassifyAwaitSite(node, out _);
            return site == AwaitSite.AsyncFunction || site == AwaitSite.TopLevel;
        }

        /// <summary>
        /// Where would an `await` at this node land? In an async function or top-level statements (legal
        /// now), in the body of a synchronous ordinary method (legal once that method is made async; the
        /// method is returned), or somewhere an await can never go (lock, unsafe, query clause, catch
        /// filter, non-async lambda or local function, constructor, accessor, operator, initializer).
        /// </summary>
        public static AwaitSite ClassifyAwaitSite(SyntaxNode node, out MethodDeclarationSyntax? synchronousMethod)
        {
            var site = ClassifyAwaitSite(node, out synchronousMethod, out _);
            return site == AwaitSite.SynchronousLambda ? AwaitSite.Illegal : site;
        }

        /// <summary>As above, and reports a non-async lambda as <see cref="AwaitSite.SynchronousLambda"/>.</summary>
        public static AwaitSite ClassifyAwaitSite(SyntaxNode node, out MethodDeclarationSyntax? synchronousMethod, out AnonymousFunctionExpressionSyntax? synchronousLambda)
        {
            synchronousMethod = null;
            synchronousLambda = null;
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case LockStatementSyntax:
                    case UnsafeStatementSyntax:
                    case CatchFilterClauseSyntax:
                    case QueryBodySyntax:
                    case JoinClauseSyntax:
                        return AwaitSite.Illegal;
                    case FromClauseSyntax from when from.Parent is not QueryExpressionSyntax:
                        return AwaitSite.Illegal;
                    case AnonymousFunctionExpressionSyntax lambda:
                        if (lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
                        {
                            return AwaitSite.AsyncFunction;
                        }

                        synchronousLambda = lambda;
                        return AwaitSite.SynchronousLambda;
                    case LocalFunctionStatementSyntax localFunction:
                        return localFunction.Modifiers.Any(SyntaxKind.AsyncKeyword) && !localFunction.Modifiers.Any(SyntaxKind.UnsafeKeyword)
                            ? AwaitSite.AsyncFunction
                            : AwaitSite.Illegal;
                    case BaseMethodDeclarationSyntax method:
                        if (method.Modifiers.Any(SyntaxKind.UnsafeKeyword) || IsInUnsafeType(method))
                        {
                            return AwaitSite.Illegal;
                        }

                        if (method.Modifiers.Any(SyntaxKind.AsyncKeyword))
                        {
                            return AwaitSite.AsyncFunction;
                        }

                        if (method is MethodDeclarationSyntax ordinary && (ordinary.Body != null || ordinary.ExpressionBody != null))
                        {
                            synchronousMethod = ordinary;
                            return AwaitSite.SynchronousMethod;
                        }

                        return AwaitSite.Illegal;
                    case GlobalStatementSyntax:
                        return AwaitSite.TopLevel;
                    case AccessorDeclarationSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax or BasePropertyDeclarationSyntax
                        or AttributeSyntax or ParameterSyntax or EnumMemberDeclarationSyntax:
                        return AwaitSite.Illegal;
                }
            }

            return AwaitSite.Illegal;
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
            => AwaitReplacing(replaced, replaced, operand);

        /// <summary>
        /// As above, when <paramref name="current"/> is a rewritten copy of <paramref name="original"/> (no
        /// parent of its own): precedence is judged by the original's parent, trivia taken from the copy.
        /// </summary>
        public static ExpressionSyntax AwaitReplacing(ExpressionSyntax original, ExpressionSyntax current, ExpressionSyntax operand)
        {
            var awaitExpression = SyntaxFactory.AwaitExpression(operand.WithoutTrivia());
            ExpressionSyntax result = NeedsParentheses(original)
                ? SyntaxFactory.ParenthesizedExpression(awaitExpression).WithAdditionalAnnotations(Simplifier.Annotation)
                : awaitExpression;
            return result.WithTriviaFrom(current);
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
