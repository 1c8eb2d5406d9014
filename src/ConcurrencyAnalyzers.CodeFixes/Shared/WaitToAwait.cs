using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.Shared
{
    /// <summary>How a blocking wait turns into its await form.</summary>
    internal enum WaitRewriteKind
    {
        /// <summary>`t.Result`, `t.GetAwaiter().GetResult()`, `t.Wait()` -> `await t`.</summary>
        AwaitTask,

        /// <summary>`t.Wait(ct)` -> `await t.WaitAsync(ct)`.</summary>
        WaitAsync,

        /// <summary>`Task.WaitAll(...)` -> `await Task.WhenAll(...)`.</summary>
        WhenAll,

        /// <summary>`Task.WaitAny(...)` as a statement -> `await Task.WhenAny(...)`.</summary>
        WhenAny,
    }

    /// <summary>
    /// The wait -> await rewrite shared by CONC0101 (await in place) and CONC0102 (make the chain async).
    /// Deciding needs the semantic model of the original tree; applying is purely syntactic, so it also
    /// works on a node whose descendants were already rewritten (SyntaxNode.ReplaceNodes).
    /// No rewrite where the await form would change meaning: timeouts, `?.` receivers, a WaitAny whose
    /// index is used, a Wait(...) whose bool result is used.
    /// </summary>
    internal static class WaitToAwait
    {
        public static bool TryGetRewrite(ExpressionSyntax node, SemanticModel model, CancellationToken cancellationToken, out WaitRewriteKind kind)
        {
            kind = default;
            switch (node)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" }:
                    kind = WaitRewriteKind.AwaitTask;
                    return true;

                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation:
                    var arguments = invocation.ArgumentList.Arguments;
                    switch (access.Name.Identifier.ValueText)
                    {
                        case "GetResult" when access.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter, ArgumentList.Arguments.Count: 0 }
                            && getAwaiter.Name.Identifier.ValueText == "GetAwaiter":
                            kind = WaitRewriteKind.AwaitTask;
                            return true;

                        case "Wait" when arguments.Count == 0 && IsVoidStatement(invocation):
                            kind = WaitRewriteKind.AwaitTask;
                            return true;

                        case "Wait" when arguments.Count == 1 && IsVoidStatement(invocation)
                            && IsCancellationToken(model.GetTypeInfo(arguments[0].Expression, cancellationToken).Type)
                            && HasWaitAsyncWithToken(model.GetTypeInfo(access.Expression, cancellationToken).Type):
                            kind = WaitRewriteKind.WaitAsync;
                            return true;

                        case "WaitAll" when IsVoidStatement(invocation) && AllArgumentsAreTasks(invocation, model, cancellationToken):
                            kind = WaitRewriteKind.WhenAll;
                            return true;

                        case "WaitAny" when invocation.Parent is ExpressionStatementSyntax && AllArgumentsAreTasks(invocation, model, cancellationToken):
                            kind = WaitRewriteKind.WhenAny;
                            return true;
                    }

                    return false;

                default:
                    return false;
            }
        }

        /// <summary>
        /// The await form of <paramref name="current"/>, which is <paramref name="original"/> or a copy of it
        /// with rewritten descendants (same shape). Parentheses are decided from the original's parent.
        /// </summary>
        public static ExpressionSyntax Apply(ExpressionSyntax original, ExpressionSyntax current, WaitRewriteKind kind)
        {
            var operand = Operand(current, kind);
            return operand == null ? current : AwaitSyntax.AwaitReplacing(original, current, operand);
        }

        private static ExpressionSyntax? Operand(ExpressionSyntax node, WaitRewriteKind kind)
        {
            switch (node)
            {
                case MemberAccessExpressionSyntax access when kind == WaitRewriteKind.AwaitTask:
                    return access.Expression;

                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation:
                    switch (kind)
                    {
                        case WaitRewriteKind.AwaitTask:
                            return access.Name.Identifier.ValueText == "GetResult"
                                && access.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter }
                                ? getAwaiter.Expression
                                : access.Expression;
                        case WaitRewriteKind.WaitAsync:
                            return invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName("WaitAsync")));
                        case WaitRewriteKind.WhenAll:
                            return invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName("WhenAll")));
                        default:
                            return invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName("WhenAny")));
                    }

                default:
                    return null;
            }
        }

        /// <summary>
        /// The void-returning waits (Wait(), Wait(ct), WaitAll(tasks)) used as a statement or as the
        /// expression body of a void member: their await form yields nothing either.
        /// </summary>
        private static bool IsVoidStatement(InvocationExpressionSyntax invocation)
            => invocation.Parent is ExpressionStatementSyntax
                || (invocation.Parent is ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax or LocalFunctionStatementSyntax } arrow && arrow.Expression == invocation);

        /// <summary>Only the task-collection arguments map onto WhenAll/WhenAny; an explicit timeout or token does not.</summary>
        private static bool AllArgumentsAreTasks(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
        {
            if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
            {
                return false;
            }

            foreach (var argument in operation.Arguments)
            {
                if (argument.Parameter == null
                    || (argument.Parameter.Ordinal != 0 && argument.ArgumentKind != ArgumentKind.DefaultValue))
                {
                    return false;
                }
            }

            return operation.Arguments.Length > 0;
        }

        private static bool IsCancellationToken(ITypeSymbol? type)
            => type is { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

        private static bool HasWaitAsyncWithToken(ITypeSymbol? taskType)
        {
            for (var type = taskType; type != null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers("WaitAsync"))
                {
                    if (member is IMethodSymbol { Parameters.Length: 1 } method && IsCancellationToken(method.Parameters[0].Type))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
