using System.Collections.Generic;
using System.Threading;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.Shared
{
    /// <summary>
    /// Rewrites `receiver.M(args)` into `await receiver.MAsync(args[, token])`, keeping receiver,
    /// arguments, generic arguments and trivia. Every candidate rewrite is re-bound speculatively and
    /// used only when it binds to a method of the intended name whose awaited result is the original
    /// return type (identical when the value is used; anything when the call is a statement), so a
    /// token overload with another return type is never picked. Returns null when no rewrite binds,
    /// when `await` is illegal at the call, or for a `?.` receiver.
    /// </summary>
    internal static class AwaitableCallRewriter
    {
        public static ExpressionSyntax? TryBuild(
            InvocationExpressionSyntax invocation,
            string alternativeName,
            bool arrayToMemory,
            SemanticModel model,
            ExpressionSyntax? token,
            bool configureAwaitFalse,
            CancellationToken cancellationToken)
        {
            if (invocation.Expression is MemberBindingExpressionSyntax || invocation.Parent is ConditionalAccessExpressionSyntax || !AwaitSyntax.CanAwaitAt(invocation))
            {
                return null;
            }

            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol original)
            {
                return null;
            }

            var renamed = Rename(invocation.Expression, alternativeName);
            if (renamed == null)
            {
                return null;
            }

            var arguments = invocation.ArgumentList;
            if (arrayToMemory)
            {
                arguments = ToMemory(arguments, model, cancellationToken);
                if (arguments == null)
                {
                    return null;
                }
            }

            var tokenType = model.Compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            var passesToken = false;
            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (tokenType != null && SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(argument.Expression, cancellationToken).Type, tokenType))
                {
                    passesToken = true;
                }
            }

            var candidates = new List<ArgumentListSyntax>();
            if (token != null && !passesToken)
            {
                candidates.Add(arguments.AddArguments(SyntaxFactory.Argument(token.WithoutTrivia())));
            }

            candidates.Add(arguments);
            if (!passesToken)
            {
                candidates.Add(arguments.AddArguments(SyntaxFactory.Argument(
                    SyntaxFactory.ParseExpression("System.Threading.CancellationToken.None").WithAdditionalAnnotations(Simplifier.Annotation))));
            }

            var valueUsed = invocation.Parent is not ExpressionStatementSyntax;
            foreach (var candidate in candidates)
            {
                var call = invocation.WithExpression(renamed).WithArgumentList(candidate);
                var info = model.GetSpeculativeSymbolInfo(invocation.SpanStart, call, SpeculativeBindingOption.BindAsExpression);
                if (info.Symbol is not IMethodSymbol bound || bound.Name != alternativeName
                    || !ResultMatches(bound.ReturnType, original, valueUsed, model.Compilation))
                {
                    continue;
                }

                ExpressionSyntax awaited = call.WithoutTrivia();
                if (configureAwaitFalse && HasConfigureAwait(bound.ReturnType))
                {
                    awaited = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, awaited, SyntaxFactory.IdentifierName("ConfigureAwait")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))));
                }

                return AwaitSyntax.AwaitReplacing(invocation, awaited);
            }

            return null;
        }

        private static bool ResultMatches(ITypeSymbol returnType, IMethodSymbol original, bool valueUsed, Compilation compilation)
        {
            if (!AwaitableAlternatives.TryGetAwaitResult(returnType, out var result))
            {
                return false;
            }

            if (original.ReturnsVoid || !valueUsed)
            {
                return true;
            }

            return result != null && SymbolEqualityComparer.Default.Equals(result, original.ReturnType);
        }

        private static bool HasConfigureAwait(ITypeSymbol type)
        {
            for (var current = type as INamedTypeSymbol; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers("ConfigureAwait"))
                {
                    if (member is IMethodSymbol { Parameters.Length: 1 } method && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static ExpressionSyntax? Rename(ExpressionSyntax expression, string name)
        {
            switch (expression)
            {
                case MemberAccessExpressionSyntax access:
                    var newName = RenameSimple(access.Name, name);
                    return newName == null ? null : access.WithName(newName);
                case SimpleNameSyntax simple:
                    return RenameSimple(simple, name);
                default:
                    return null;
            }
        }

        private static SimpleNameSyntax? RenameSimple(SimpleNameSyntax simple, string name)
        {
            var identifier = SyntaxFactory.Identifier(simple.Identifier.LeadingTrivia, name, simple.Identifier.TrailingTrivia);
            return simple switch
            {
                IdentifierNameSyntax id => id.WithIdentifier(identifier),
                GenericNameSyntax generic => generic.WithIdentifier(identifier),
                _ => null,
            };
        }

        /// <summary>`(buffer, offset, count)` positional triple -> `buffer.AsMemory(offset, count)`.</summary>
        private static ArgumentListSyntax? ToMemory(ArgumentListSyntax arguments, SemanticModel model, CancellationToken cancellationToken)
        {
            var list = arguments.Arguments;
            for (var i = 0; i + 2 < list.Count; i++)
            {
                if (list[i].NameColon != null || list[i + 1].NameColon != null || list[i + 2].NameColon != null)
                {
                    continue;
                }

                if (model.GetTypeInfo(list[i].Expression, cancellationToken).Type is IArrayTypeSymbol
                    && model.GetTypeInfo(list[i + 1].Expression, cancellationToken).Type?.SpecialType == SpecialType.System_Int32
                    && model.GetTypeInfo(list[i + 2].Expression, cancellationToken).Type?.SpecialType == SpecialType.System_Int32)
                {
                    var asMemory = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ParenthesizeIfNeeded(list[i].Expression.WithoutTrivia()), SyntaxFactory.IdentifierName("AsMemory")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { list[i + 1].WithoutTrivia(), list[i + 2].WithoutTrivia() })));
                    var rebuilt = new List<ArgumentSyntax>();
                    for (var k = 0; k < list.Count; k++)
                    {
                        if (k == i)
                        {
                            rebuilt.Add(list[k].WithExpression(asMemory.WithTriviaFrom(list[k].Expression)));
                        }
                        else if (k != i + 1 && k != i + 2)
                        {
                            rebuilt.Add(list[k]);
                        }
                    }

                    return arguments.WithArguments(SyntaxFactory.SeparatedList(rebuilt));
                }
            }

            return null;
        }

        private static ExpressionSyntax ParenthesizeIfNeeded(ExpressionSyntax expression)
            => expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ThisExpressionSyntax
                ? expression
                : SyntaxFactory.ParenthesizedExpression(expression);
    }
}
