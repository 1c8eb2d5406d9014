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

namespace ConcurrencyAnalyzers.CodeFixes.AsyncHygiene
{
    /// <summary>
    /// CONC0401: `async void M()` -> `async Task M()`, and in the same document every call made as a
    /// statement becomes `await M();` where await is legal (async code outside lock/unsafe) or
    /// `_ = M();` elsewhere, so no call silently turns into a dropped task. Calls in other documents
    /// are left for CONC0404 to point at. Not offered when the method is used as a non-event delegate
    /// (its void return is what that delegate needs).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidMethodCodeFixProvider)), Shared]
    public sealed class AsyncVoidMethodCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Return Task instead of void";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.AsyncVoidMethod);

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
                if (diagnostic.Properties.ContainsKey(AsyncVoidMethodAnalyzer.UsedAsDelegateProperty)
                    || diagnostic.Properties.ContainsKey(AsyncVoidMethodAnalyzer.FixedSignatureProperty))
                {
                    continue;
                }

                var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
                TypeSyntax? returnType = token.Parent switch
                {
                    MethodDeclarationSyntax method when method.Identifier == token => method.ReturnType,
                    LocalFunctionStatementSyntax local when local.Identifier == token => local.ReturnType,
                    _ => null,
                };
                if (returnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword })
                {
                    continue;
                }

                var document = context.Document;
                var declaration = token.Parent!;
                if (declaration is MethodDeclarationSyntax declared
                    && (declared.Modifiers.Any(SyntaxKind.VirtualKeyword) || declared.Modifiers.Any(SyntaxKind.AbstractKeyword) || declared.Modifiers.Any(SyntaxKind.OverrideKeyword)))
                {
                    // Overrides would keep 'void' and stop compiling (CS0508); changing the family is not done here.
                    continue;
                }

                if (await IsUsedAsMethodGroupAsync(document, declaration, context.CancellationToken).ConfigureAwait(false))
                {
                    // A delegate conversion the analyzer could not see (another type or project): `Task` would not convert.
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAsync(document, declaration, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }

        private static async Task<Document> FixAsync(Document document, SyntaxNode declaration, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method)
            {
                return document;
            }

            var returnType = declaration is MethodDeclarationSyntax m ? m.ReturnType : ((LocalFunctionStatementSyntax)declaration).ReturnType;
            var replacements = new Dictionary<SyntaxNode, SyntaxNode>
            {
                [returnType] = TypeSyntaxes.Task().WithTriviaFrom(returnType),
            };

            // Calls made as statements would become dropped tasks: await them or discard them on purpose.
            foreach (var node in root.DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax call
                    || !NameMatches(call.Expression, method.Name)
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(call, cancellationToken).Symbol?.OriginalDefinition, method))
                {
                    continue;
                }

                if (call.Parent is ConditionalAccessExpressionSyntax { Parent: ExpressionStatementSyntax } conditional && conditional.WhenNotNull == call)
                {
                    // `x?.M();`: awaiting a null task would throw, so discard it explicitly.
                    if (model.LookupSymbols(conditional.SpanStart, name: "_").IsEmpty)
                    {
                        replacements[conditional] = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("_"), conditional.WithoutTrivia())
                            .WithTriviaFrom(conditional);
                    }

                    continue;
                }

                if (call.Parent is not ExpressionStatementSyntax)
                {
                    continue;
                }

                if (AwaitSyntax.CanAwaitAt(call))
                {
                    replacements[call] = AwaitSyntax.AwaitReplacing(call, call);
                }
                else if (model.LookupSymbols(call.SpanStart, name: "_").IsEmpty)
                {
                    // (When `_` names a variable the call is left as is; CONC0404 then points at it.)
                    replacements[call] = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("_"), call.WithoutTrivia())
                        .WithTriviaFrom(call);
                }
            }

            var changed = document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]));
            return await ImportsCleanup.AddImportsAsync(changed, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The analyzer sees delegate conversions inside the method's own type only. A non-private
        /// method may be converted elsewhere (`bus.Subscribe(handler.OnMessage)`); returning Task would
        /// break that conversion, so look for any reference that is not a call or a nameof.
        /// </summary>
        private static async Task<bool> IsUsedAsMethodGroupAsync(Document document, SyntaxNode declaration, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model?.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method
                || method.DeclaredAccessibility == Accessibility.Private
                || method.MethodKind == MethodKind.LocalFunction)
            {
                return false;
            }

            var references = await Microsoft.CodeAnalysis.FindSymbols.SymbolFinder.FindReferencesAsync(method, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            foreach (var referenced in references)
            {
                foreach (var location in referenced.Locations)
                {
                    var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var node = root?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
                    if (node == null)
                    {
                        continue;
                    }

                    var expression = node.Parent switch
                    {
                        MemberAccessExpressionSyntax access when access.Name == node => access,
                        MemberBindingExpressionSyntax binding when binding.Name == node => binding,
                        _ => node,
                    };
                    if (expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
                    {
                        continue;
                    }

                    if (expression.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } } })
                    {
                        continue;
                    }

                    return true;
                }
            }

            return false;
        }

        private static bool NameMatches(ExpressionSyntax expression, string name) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            GenericNameSyntax generic => generic.Identifier.ValueText == name,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == name,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText == name,
            _ => false,
        };
    }
}
