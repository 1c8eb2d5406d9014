using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.AsyncHygiene;
using ConcurrencyAnalyzers.CodeFixes.Shared;
using ConcurrencyAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace ConcurrencyAnalyzers.CodeFixes.AsyncHygiene
{
    /// <summary>
    /// CONC0402, two rewrites, both only for a statement in async code where await is legal:
    /// - `Parallel.ForEach(source[, options], async x => ...)` -> `await Parallel.ForEachAsync(source,
    ///   options | token, async (x, ct) => ...)`: the same ParallelOptions (so MaxDegreeOfParallelism and
    ///   its token are kept), else the enclosing method's single CancellationToken parameter if any.
    /// - `list.ForEach(async x => ...)` / `Array.ForEach(array, async x => ...)` -> `foreach (var x in
    ///   list) { ... }` awaiting each item in turn; not offered when the lambda returns early (a `return`
    ///   would change meaning) or its names would clash with the enclosing method's.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncLambdaToVoidDelegateCodeFixProvider)), Shared]
    public sealed class AsyncLambdaToVoidDelegateCodeFixProvider : CodeFixProvider
    {
        private const string ParallelTitle = "Await Parallel.ForEachAsync";
        private const string ForEachTitle = "Use a foreach loop that awaits";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.AsyncLambdaToVoidDelegate);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(AsyncLambdaToVoidDelegateAnalyzer.FixKindProperty, out var kind)
                    || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not LambdaExpressionSyntax lambda
                    || lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
                    || invocation.Parent is not ExpressionStatementSyntax statement
                    || invocation.Expression is not MemberAccessExpressionSyntax access
                    || SingleParameter(lambda) is not ParameterSyntax parameter
                    || !AwaitSyntax.CanAwaitAt(statement))
                {
                    continue;
                }

                var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                if (model == null)
                {
                    continue;
                }

                var document = context.Document;
                if (kind == "ParallelForEach")
                {
                    var replacement = BuildForEachAsync(invocation, access, lambda, parameter, model, context.CancellationToken);
                    if (replacement != null)
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(ParallelTitle, ct => ReplaceAsync(document, statement, replacement, ct), equivalenceKey: ParallelTitle),
                            diagnostic);
                    }
                }
                else if (kind == "ForEach")
                {
                    var replacement = BuildForeachLoop(statement, invocation, access, lambda, parameter, model, context.CancellationToken);
                    if (replacement != null)
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(ForEachTitle, ct => ReplaceAsync(document, statement, replacement, ct), equivalenceKey: ForEachTitle),
                            diagnostic);
                    }
                }
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, SyntaxNode replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root == null
                ? document
                : await ImportsCleanup.AddImportsAsync(document.WithSyntaxRoot(root.ReplaceNode(node, replacement)), cancellationToken).ConfigureAwait(false);
        }

        private static ParameterSyntax? SingleParameter(LambdaExpressionSyntax lambda) => lambda switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0],
            _ => null,
        };

        // ---- Parallel.ForEach -> await Parallel.ForEachAsync --------------------------------------

        private static StatementSyntax? BuildForEachAsync(
            InvocationExpressionSyntax invocation,
            MemberAccessExpressionSyntax access,
            LambdaExpressionSyntax lambda,
            ParameterSyntax parameter,
            SemanticModel model,
            CancellationToken cancellationToken)
        {
            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
                || method.Parameters.Length is not (2 or 3)
                || method.Parameters[0].Type.OriginalDefinition.SpecialType != SpecialType.System_Collections_Generic_IEnumerable_T
                || (method.Parameters.Length == 3 && method.Parameters[1].Type.Name != "ParallelOptions")
                || method.Parameters[method.Parameters.Length - 1].Type is not INamedTypeSymbol { Arity: 1 }
                || invocation.ArgumentList.Arguments.Count != method.Parameters.Length
                || HasNamedArgument(invocation.ArgumentList)
                || !HasForEachAsync(model.Compilation))
            {
                return null;
            }

            var tokenName = FreshName(lambda, model, "ct", "cancellationToken", "token");
            if (tokenName == null)
            {
                return null;
            }

            var arguments = invocation.ArgumentList.Arguments;
            var newArguments = SyntaxFactory.SeparatedList<ArgumentSyntax>().Add(arguments[0]);
            if (arguments.Count == 3)
            {
                newArguments = newArguments.Add(arguments[1]);
            }
            else if (EnclosingCancellationToken(invocation, model, cancellationToken) is string token)
            {
                newArguments = newArguments.Add(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token)));
            }

            var tokenParameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(tokenName));
            if (parameter.Type != null)
            {
                tokenParameter = SyntaxFactory.Parameter(default, default, TypeSyntaxes.CancellationToken(), SyntaxFactory.Identifier(tokenName), null);
            }

            var newLambda = SyntaxFactory.ParenthesizedLambdaExpression(
                    lambda.AsyncKeyword,
                    SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[] { parameter.WithoutTrivia(), tokenParameter })),
                    lambda.ArrowToken,
                    lambda.Block,
                    lambda.ExpressionBody)
                .WithTriviaFrom(lambda);
            newArguments = newArguments.Add(arguments[arguments.Count - 1].WithExpression(newLambda));

            var call = invocation
                .WithExpression(access.WithName(SyntaxFactory.IdentifierName("ForEachAsync").WithTriviaFrom(access.Name)))
                .WithArgumentList(invocation.ArgumentList.WithArguments(newArguments));
            var statement = (ExpressionStatementSyntax)invocation.Parent!;
            return statement.WithExpression(SyntaxFactory.AwaitExpression(call.WithoutLeadingTrivia()).WithLeadingTrivia(invocation.GetLeadingTrivia()))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static bool HasNamedArgument(ArgumentListSyntax list)
        {
            foreach (var argument in list.Arguments)
            {
                if (argument.NameColon != null)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasForEachAsync(Compilation compilation)
            => compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel") is { } parallel && !parallel.GetMembers("ForEachAsync").IsEmpty;

        /// <summary>The enclosing method's one CancellationToken parameter, if it has exactly one.</summary>
        private static string? EnclosingCancellationToken(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            var declaration = node.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax);
            var method = declaration is AnonymousFunctionExpressionSyntax
                ? model.GetSymbolInfo(declaration, cancellationToken).Symbol as IMethodSymbol
                : declaration == null ? null : model.GetDeclaredSymbol(declaration, cancellationToken) as IMethodSymbol;
            if (method == null)
            {
                return null;
            }

            string? found = null;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type is { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } })
                {
                    if (found != null)
                    {
                        return null;
                    }

                    found = parameter.Name;
                }
            }

            return found;
        }

        /// <summary>A name for the new lambda parameter that neither shadows nor is shadowed by anything in scope or in the body.</summary>
        private static string? FreshName(LambdaExpressionSyntax lambda, SemanticModel model, params string[] candidates)
        {
            foreach (var candidate in candidates)
            {
                if (!model.LookupSymbols(lambda.SpanStart, name: candidate).IsEmpty)
                {
                    continue;
                }

                var used = false;
                foreach (var token in lambda.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == candidate)
                    {
                        used = true;
                        break;
                    }
                }

                if (!used)
                {
                    return candidate;
                }
            }

            return null;
        }

        // ---- list.ForEach / Array.ForEach -> foreach + await ---------------------------------------

        private static StatementSyntax? BuildForeachLoop(
            ExpressionStatementSyntax statement,
            InvocationExpressionSyntax invocation,
            MemberAccessExpressionSyntax access,
            LambdaExpressionSyntax lambda,
            ParameterSyntax parameter,
            SemanticModel model,
            CancellationToken cancellationToken)
        {
            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method || HasNamedArgument(invocation.ArgumentList))
            {
                return null;
            }

            ExpressionSyntax collection;
            if (method.IsStatic)
            {
                // Array.ForEach(array, action)
                if (invocation.ArgumentList.Arguments.Count != 2)
                {
                    return null;
                }

                collection = invocation.ArgumentList.Arguments[0].Expression;
            }
            else
            {
                // list.ForEach(action)
                collection = access.Expression;
            }

            if (ReturnsEarly(lambda) || NamesClash(statement, lambda, parameter))
            {
                return null;
            }

            BlockSyntax body = lambda.Block
                ?? SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(lambda.ExpressionBody!.WithoutTrivia()));

            return SyntaxFactory.ForEachStatement(
                    parameter.Type?.WithoutTrivia() ?? SyntaxFactory.IdentifierName("var"),
                    parameter.Identifier.WithoutTrivia(),
                    collection.WithoutTrivia(),
                    body.WithoutTrivia())
                .WithTriviaFrom(statement)
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>A `return` in the lambda means "next item"; inside a foreach it would leave the method.</summary>
        private static bool ReturnsEarly(LambdaExpressionSyntax lambda)
        {
            if (lambda.Block == null)
            {
                return false;
            }

            foreach (var node in lambda.Block.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is ReturnStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Lambda parameters and locals may shadow the enclosing method's names; a foreach variable and
        /// the locals of its body may not. Compare against every name declared in the member.
        /// </summary>
        private static bool NamesClash(StatementSyntax statement, LambdaExpressionSyntax lambda, ParameterSyntax parameter)
        {
            var member = statement.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (member == null)
            {
                return true;
            }

            var outside = new HashSet<string>();
            var inside = new HashSet<string> { parameter.Identifier.ValueText };
            foreach (var node in member.DescendantNodes())
            {
                var name = node switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Identifier.ValueText,
                    SingleVariableDesignationSyntax designation => designation.Identifier.ValueText,
                    ForEachStatementSyntax forEach => forEach.Identifier.ValueText,
                    ParameterSyntax p => p.Identifier.ValueText,
                    LocalFunctionStatementSyntax local => local.Identifier.ValueText,
                    CatchDeclarationSyntax c => c.Identifier.ValueText,
                    _ => null,
                };
                if (string.IsNullOrEmpty(name) || node == parameter)
                {
                    continue;
                }

                if (lambda.Span.Contains(node.Span))
                {
                    inside.Add(name!);
                }
                else
                {
                    outside.Add(name!);
                }
            }

            inside.IntersectWith(outside);
            return inside.Count > 0;
        }
    }
}
