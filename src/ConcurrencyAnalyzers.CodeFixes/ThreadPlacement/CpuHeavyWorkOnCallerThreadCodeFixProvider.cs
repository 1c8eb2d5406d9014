using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Shared;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.ThreadPlacement;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.ThreadPlacement
{
    /// <summary>
    /// CONC0301, two actions with distinct equivalence keys:
    /// "Offload to the thread pool": the loop becomes `await Task.Run(() => { loop }, token)`; a heavy
    /// call `X` becomes `await Task.Run(() => X, token)` (an already awaited call `await X` becomes
    /// `await Task.Run(() => X)`). "Run on a dedicated thread" (unbounded or very long loops):
    /// `await Task.Factory.StartNew(() => { loop }, token, LongRunning, TaskScheduler.Default)`.
    /// Locals the loop writes stay the same variables (the lambda captures them), so code after the
    /// loop reads what it wrote. No fix where the code cannot move into a lambda: ref locals, ref
    /// structs (Span&lt;T&gt;), ref/out/in parameters, `this` of a struct, pointers, `return`, `yield`,
    /// `goto` or `break`/`continue` leaving the loop, a local first assigned inside the loop and read
    /// after it, or where `await` is not allowed (lock, unsafe).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CpuHeavyWorkOnCallerThreadCodeFixProvider)), Shared]
    public sealed class CpuHeavyWorkOnCallerThreadCodeFixProvider : CodeFixProvider
    {
        public const string ThreadPoolKey = "CONC0301.ThreadPool";
        public const string DedicatedThreadKey = "CONC0301.DedicatedThread";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.CpuHeavyLoopOnCallerThread);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                diagnostic.Properties.TryGetValue(CpuHeavyWorkOnCallerThreadAnalyzer.ShapeProperty, out var shape);
                var document = context.Document;
                if (shape == "Loop")
                {
                    var loop = node.FirstAncestorOrSelf<StatementSyntax>(s => s is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax);
                    if (loop == null || !AwaitSyntax.CanAwaitAt(loop) || !CanMoveIntoLambda(loop, model, context.CancellationToken))
                    {
                        continue;
                    }

                    var token = FindToken(model, loop, context.CancellationToken);
                    context.RegisterCodeFix(
                        CodeAction.Create("Offload to the thread pool", ct => ReplaceAsync(document, loop, OffloadLoop(loop, token, dedicated: false), ct), ThreadPoolKey),
                        diagnostic);

                    if (diagnostic.Properties.TryGetValue(CpuHeavyWorkOnCallerThreadAnalyzer.LongProperty, out var isLong) && isLong == "true")
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create("Run on a dedicated thread", ct => ReplaceAsync(document, loop, OffloadLoop(loop, token, dedicated: true), ct), DedicatedThreadKey),
                            diagnostic);
                    }
                }
                else if (shape == "Call")
                {
                    var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
                    if (invocation == null || !AwaitSyntax.CanAwaitAt(invocation) || !CanMoveIntoLambda(invocation, model, context.CancellationToken))
                    {
                        continue;
                    }

                    var token = FindToken(model, invocation, context.CancellationToken);
                    context.RegisterCodeFix(
                        CodeAction.Create("Offload to the thread pool", ct => ReplaceAsync(document, invocation, OffloadCall(invocation, token), ct), ThreadPoolKey),
                        diagnostic);
                }
            }
        }

        private static bool CanMoveIntoLambda(SyntaxNode code, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var descendant in code.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                switch (descendant)
                {
                    case YieldStatementSyntax:
                    case GotoStatementSyntax:
                    case ReturnStatementSyntax:
                    case StackAllocArrayCreationExpressionSyntax:
                    case RefExpressionSyntax:
                    case UnsafeStatementSyntax:
                    case FixedStatementSyntax:
                        return false;
                }
            }

            DataFlowAnalysis? flow;
            if (code is StatementSyntax statement)
            {
                var control = model.AnalyzeControlFlow(statement);
                if (control == null || !control.Succeeded || control.ExitPoints.Length > 0)
                {
                    return false;
                }

                flow = model.AnalyzeDataFlow(statement);
            }
            else if (code is ExpressionSyntax expression)
            {
                // Data-flow analysis rejects some expression positions (a ConfigureAwait receiver); the operation tree says the same.
                return CanCaptureOperands(model.GetOperation(expression, cancellationToken));
            }
            else
            {
                return false;
            }

            if (flow == null || !flow.Succeeded)
            {
                return false;
            }

            foreach (var symbol in flow.ReadInside.AddRange(flow.WrittenInside))
            {
                if (flow.VariablesDeclared.Contains(symbol))
                {
                    continue;
                }

                switch (symbol)
                {
                    case ILocalSymbol local when local.IsRef || local.Type.IsRefLikeType || local.Type.TypeKind == TypeKind.Pointer:
                        return false;
                    case IParameterSymbol parameter when parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType || parameter.Type.TypeKind == TypeKind.Pointer:
                        return false;
                    case IParameterSymbol { IsThis: true } self when self.Type.IsValueType:
                        return false;
                }
            }

            // Definite assignment does not flow out of a lambda: a local first assigned inside and read after would no longer compile.
            foreach (var symbol in flow.WrittenInside)
            {
                if (symbol is ILocalSymbol && !flow.VariablesDeclared.Contains(symbol) && flow.ReadOutside.Contains(symbol) && !flow.DefinitelyAssignedOnEntry.Contains(symbol))
                {
                    return false;
                }
            }

            // A struct's own fields cannot be captured ('this' of a struct in a lambda).
            var enclosingType = model.GetEnclosingSymbol(code.SpanStart, cancellationToken)?.ContainingType;
            if (enclosingType != null && enclosingType.IsValueType && UsesInstanceMembers(code, model, cancellationToken))
            {
                return false;
            }

            return true;
        }

        private static bool CanCaptureOperands(IOperation? operation)
        {
            if (operation == null)
            {
                return false;
            }

            foreach (var node in operation.DescendantsAndSelf())
            {
                switch (node)
                {
                    case ILocalReferenceOperation local when local.Local.IsRef || local.Local.Type.IsRefLikeType || local.Local.Type.TypeKind == TypeKind.Pointer:
                        return false;
                    case IParameterReferenceOperation parameter when parameter.Parameter.RefKind != RefKind.None || parameter.Parameter.Type.IsRefLikeType || parameter.Parameter.Type.TypeKind == TypeKind.Pointer:
                        return false;
                    case IInstanceReferenceOperation self when self.Type?.IsValueType == true:
                        return false;
                    case IArgumentOperation argument when argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out:
                        return false;
                }
            }

            return true;
        }

        private static bool UsesInstanceMembers(SyntaxNode code, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var node in code.DescendantNodesAndSelf())
            {
                if (node is ThisExpressionSyntax or BaseExpressionSyntax)
                {
                    return true;
                }

                if (node is IdentifierNameSyntax name && model.GetSymbolInfo(name, cancellationToken).Symbol is { IsStatic: false } symbol
                    && (symbol is IFieldSymbol or IPropertySymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary } or IEventSymbol)
                    && symbol.ContainingType?.IsValueType == true)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A CancellationToken parameter of the enclosing method, local function or lambda chain (the innermost first).</summary>
        private static ExpressionSyntax? FindToken(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
        {
            for (var symbol = model.GetEnclosingSymbol(node.SpanStart, cancellationToken); symbol is IMethodSymbol method; symbol = method.ContainingSymbol)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (parameter.RefKind == RefKind.None && parameter.Type is { Name: "CancellationToken", ContainingNamespace.Name: "Threading" })
                    {
                        return SyntaxFactory.IdentifierName(parameter.Name);
                    }
                }

                if (method.MethodKind != MethodKind.AnonymousFunction && method.MethodKind != MethodKind.LocalFunction)
                {
                    break;
                }
            }

            return null;
        }

        private static StatementSyntax OffloadLoop(StatementSyntax loop, ExpressionSyntax? token, bool dedicated)
        {
            var lambda = SyntaxFactory.ParenthesizedLambdaExpression(
                SyntaxFactory.ParameterList(),
                SyntaxFactory.Block(loop.WithoutLeadingTrivia().WithoutTrailingTrivia()));

            var arguments = SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(lambda) });
            ExpressionSyntax target;
            if (dedicated)
            {
                target = Qualified("System.Threading.Tasks.Task.Factory.StartNew");
                arguments = arguments.Add(SyntaxFactory.Argument(token ?? Qualified("System.Threading.CancellationToken.None")));
                arguments = arguments.Add(SyntaxFactory.Argument(Qualified("System.Threading.Tasks.TaskCreationOptions.LongRunning")));
                arguments = arguments.Add(SyntaxFactory.Argument(Qualified("System.Threading.Tasks.TaskScheduler.Default")));
            }
            else
            {
                target = Qualified("System.Threading.Tasks.Task.Run");
                if (token != null)
                {
                    arguments = arguments.Add(SyntaxFactory.Argument(token));
                }
            }

            var call = SyntaxFactory.AwaitExpression(SyntaxFactory.InvocationExpression(target, SyntaxFactory.ArgumentList(arguments)));
            return SyntaxFactory.ExpressionStatement(call)
                .WithLeadingTrivia(loop.GetLeadingTrivia())
                .WithTrailingTrivia(loop.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static ExpressionSyntax OffloadCall(InvocationExpressionSyntax invocation, ExpressionSyntax? token)
        {
            var lambda = SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(), invocation.WithoutTrivia());
            var arguments = SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(lambda) });
            if (token != null)
            {
                arguments = arguments.Add(SyntaxFactory.Argument(token));
            }

            var run = SyntaxFactory.InvocationExpression(Qualified("System.Threading.Tasks.Task.Run"), SyntaxFactory.ArgumentList(arguments));

            // Already awaited (`await Hash(...)`, `await Hash(...).ConfigureAwait(false)`): Task.Run unwraps the inner task.
            if (IsAwaited(invocation))
            {
                return run.WithTriviaFrom(invocation);
            }

            return AwaitSyntax.AwaitReplacing(invocation, run);
        }

        private static bool IsAwaited(InvocationExpressionSyntax invocation)
        {
            SyntaxNode current = invocation;
            if (current.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access && access.Expression == current
                && access.Parent is InvocationExpressionSyntax configure)
            {
                current = configure;
            }

            while (current.Parent is ParenthesizedExpressionSyntax)
            {
                current = current.Parent;
            }

            return current.Parent is AwaitExpressionSyntax;
        }

        private static ExpressionSyntax Qualified(string name)
            => SyntaxFactory.ParseExpression(name).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root == null ? document : document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode));
        }
    }
}
