using System;
using System.Threading;
using ConcurrencyAnalyzers.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.CodeFixes.Shared
{
    /// <summary>
    /// Finds the CancellationToken a fix should forward at a position: the one parameter or local of
    /// type CancellationToken in scope (declared before the position); if several, the one named
    /// `cancellationToken`, `ct`, `token` or `stoppingToken`; if none, the first expression listed in
    /// `concurrency_analyzers.cancellation_token_names` (per rule or global) that binds to a
    /// CancellationToken there (a field, a property such as `HttpContext.RequestAborted`...).
    /// </summary>
    internal static class CancellationTokens
    {
        public const string NamesOption = "cancellation_token_names";

        private static readonly string[] PreferredNames = { "cancellationToken", "ct", "token", "stoppingToken", "cancel" };

        public static ExpressionSyntax? FindInScope(SemanticModel model, SyntaxNode node, AnalyzerOptions? options, string ruleId, CancellationToken cancellationToken)
        {
            var tokenType = model.Compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            if (tokenType == null)
            {
                return null;
            }

            var position = node.SpanStart;
            ISymbol? single = null;
            var count = 0;
            ISymbol? preferred = null;
            var preferredRank = int.MaxValue;
            foreach (var symbol in model.LookupSymbols(position))
            {
                ITypeSymbol? type = symbol switch
                {
                    IParameterSymbol parameter => parameter.Type,
                    ILocalSymbol local when DeclaredBefore(local, position, cancellationToken) => local.Type,
                    _ => null,
                };
                if (type == null || !SymbolEqualityComparer.Default.Equals(type, tokenType))
                {
                    continue;
                }

                count++;
                single = symbol;
                var rank = Array.IndexOf(PreferredNames, symbol.Name);
                if (rank >= 0 && rank < preferredRank)
                {
                    preferred = symbol;
                    preferredRank = rank;
                }
            }

            var chosen = count == 1 ? single : preferred;
            if (chosen != null)
            {
                return SyntaxFactory.IdentifierName(chosen.Name);
            }

            if (options == null)
            {
                return null;
            }

            foreach (var name in RuleOptions.GetList(options, node.SyntaxTree, ruleId, NamesOption))
            {
                var expression = SyntaxFactory.ParseExpression(name);
                if (expression.ContainsDiagnostics)
                {
                    continue;
                }

                var info = model.GetSpeculativeTypeInfo(position, expression, SpeculativeBindingOption.BindAsExpression);
                if (SymbolEqualityComparer.Default.Equals(info.Type, tokenType))
                {
                    return expression;
                }
            }

            return null;
        }

        private static bool DeclaredBefore(ILocalSymbol local, int position, CancellationToken cancellationToken)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.Span.End <= position)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The file's ConfigureAwait habit: a file in which every `await` of an expression (at least one)
    /// is `x.ConfigureAwait(false)` is library-style code, and fixes append `.ConfigureAwait(false)` to
    /// what they await there. Anywhere else fixes add nothing. `await using`/`await foreach` are not counted.
    /// </summary>
    internal static class ConfigureAwaitStyle
    {
        public static bool UsesConfigureAwaitFalse(SyntaxNode root)
        {
            var awaits = 0;
            foreach (var node in root.DescendantNodes())
            {
                if (node is AwaitExpressionSyntax awaitExpression)
                {
                    awaits++;
                    if (awaitExpression.Expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } } configure
                        || configure.ArgumentList.Arguments.Count != 1
                        || !configure.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression))
                    {
                        return false;
                    }
                }
            }

            return awaits > 0;
        }
    }
}
