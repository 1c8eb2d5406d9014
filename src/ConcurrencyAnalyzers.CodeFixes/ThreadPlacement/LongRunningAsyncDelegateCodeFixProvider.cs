using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.ThreadPlacement;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.ThreadPlacement
{
    /// <summary>
    /// CONC0304: `Task.Factory.StartNew(async () => ..., LongRunning)` becomes `Task.Run(async () => ...)`
    /// (token kept), or, when the delegate has no await, keeps the dedicated thread and drops `async`.
    /// Offered only where the new result type fits how the old one was used: a statement, a discard,
    /// `.Unwrap()`, `await` as a statement, or a conversion to plain `Task`. Not offered for a custom
    /// scheduler, extra creation options, a state argument or a factory other than `Task.Factory`.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LongRunningAsyncDelegateCodeFixProvider)), Shared]
    public sealed class LongRunningAsyncDelegateCodeFixProvider : CodeFixProvider
    {
        public const string TaskRunKey = "CONC0304.TaskRun";
        public const string SynchronousBodyKey = "CONC0304.SynchronousBody";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.LongRunningWithAsyncDelegate);

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
                if (node.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != node
                    || model.GetOperation(invocation, context.CancellationToken) is not IInvocationOperation operation
                    || !TryReadCall(operation, out var call))
                {
                    continue;
                }

                var usage = Usage(invocation, model, context.CancellationToken);
                if (usage == UsageKind.Unsupported)
                {
                    continue;
                }

                var document = context.Document;
                if (call.Receiver != null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Use Task.Run(async ...)",
                            ct => ReplaceAsync(document, usage == UsageKind.Unwrap ? invocation.Parent!.Parent! : invocation, BuildTaskRun(call), ct),
                            TaskRunKey),
                        diagnostic);
                }

                if (diagnostic.Properties.TryGetValue(LongRunningAsyncDelegateAnalyzer.NoAwaitProperty, out var noAwait) && noAwait == "true"
                    && call.Lambda != null && CanDropAsync(call.Lambda, model, context.CancellationToken))
                {
                    var replaced = usage == UsageKind.Unwrap ? invocation.Parent!.Parent! : invocation;
                    var synchronous = invocation.ReplaceNode(call.Lambda, DropAsync(call.Lambda)).WithTriviaFrom(replaced);
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Keep the dedicated thread with a synchronous body",
                            ct => ReplaceAsync(document, replaced, synchronous, ct),
                            SynchronousBodyKey),
                        diagnostic);
                }
            }
        }

        private enum UsageKind
        {
            Unsupported,
            Plain,
            Unwrap,
        }

        private readonly struct Call
        {
            public Call(ExpressionSyntax? receiver, ArgumentSyntax delegateArgument, ArgumentSyntax? token, AnonymousFunctionExpressionSyntax? lambda, InvocationExpressionSyntax invocation)
            {
                Receiver = receiver;
                DelegateArgument = delegateArgument;
                Token = token;
                Lambda = lambda;
                Invocation = invocation;
            }

            /// <summary>`Task` in `Task.Factory.StartNew`; null when the factory is something else (no Task.Run fix then).</summary>
            public ExpressionSyntax? Receiver { get; }

            public ArgumentSyntax DelegateArgument { get; }

            public ArgumentSyntax? Token { get; }

            public AnonymousFunctionExpressionSyntax? Lambda { get; }

            public InvocationExpressionSyntax Invocation { get; }
        }

        private static bool TryReadCall(IInvocationOperation operation, out Call call)
        {
            call = default;
            if (operation.Syntax is not InvocationExpressionSyntax invocation || invocation.Expression is not MemberAccessExpressionSyntax access)
            {
                return false;
            }

            // Only the non-generic Task.Factory maps onto Task.Run.
            ExpressionSyntax? receiver = null;
            if (access.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Factory" } factory
                && operation.TargetMethod.ContainingType is { Name: "TaskFactory", IsGenericType: false })
            {
                receiver = factory.Expression;
            }

            ArgumentSyntax? delegateArgument = null;
            ArgumentSyntax? token = null;
            foreach (var argument in operation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Syntax is not ArgumentSyntax syntax || argument.Parameter == null)
                {
                    if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                    {
                        continue;
                    }

                    return false;
                }

                var parameterType = argument.Parameter.Type;
                if (parameterType.TypeKind == TypeKind.Delegate)
                {
                    delegateArgument = syntax;
                }
                else if (parameterType.Name == "CancellationToken")
                {
                    token = syntax;
                }
                else if (parameterType.Name == "TaskCreationOptions")
                {
                    // LongRunning, DenyChildAttach and HideScheduler only: Task.Run implies the last two.
                    if (!argument.Value.ConstantValue.HasValue || argument.Value.ConstantValue.Value is not int flags || (flags & ~(2 | 8 | 16)) != 0)
                    {
                        return false;
                    }
                }
                else if (parameterType.Name == "TaskScheduler")
                {
                    if (argument.Value is not IPropertyReferenceOperation { Property.Name: "Default" } scheduler || scheduler.Property.ContainingType?.Name != "TaskScheduler")
                    {
                        return false;
                    }
                }
                else
                {
                    // A state argument: the delegate shape differs from Task.Run's.
                    return false;
                }
            }

            if (delegateArgument == null)
            {
                return false;
            }

            call = new Call(receiver, delegateArgument, token, delegateArgument.Expression as AnonymousFunctionExpressionSyntax, invocation);
            return true;
        }

        private static UsageKind Usage(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
        {
            switch (invocation.Parent)
            {
                case ExpressionStatementSyntax:
                    return UsageKind.Plain;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Parent: ExpressionStatementSyntax } assignment when assignment.Right == invocation:
                    return UsageKind.Plain;
                case AwaitExpressionSyntax { Parent: ExpressionStatementSyntax }:
                    return UsageKind.Plain;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Unwrap", Parent: InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } } access when access.Expression == invocation:
                    return UsageKind.Unwrap;
            }

            var converted = model.GetTypeInfo(invocation, cancellationToken).ConvertedType;
            return converted is INamedTypeSymbol { Name: "Task", IsGenericType: false, ContainingNamespace.Name: "Tasks" } ? UsageKind.Plain : UsageKind.Unsupported;
        }

        private static InvocationExpressionSyntax BuildTaskRun(Call call)
        {
            var arguments = SyntaxFactory.SingletonSeparatedList(call.DelegateArgument.WithoutTrivia());
            if (call.Token != null)
            {
                arguments = arguments.Add(call.Token.WithoutTrivia());
            }

            var target = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, call.Receiver!.WithoutTrivia(), SyntaxFactory.IdentifierName("Run"));
            return SyntaxFactory.InvocationExpression(target, SyntaxFactory.ArgumentList(arguments));
        }

        private static bool CanDropAsync(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, CancellationToken cancellationToken)
        {
            if (lambda.Body is BlockSyntax)
            {
                return true;
            }

            // `async () => Work()`: fine when Work returns nothing or a plain value, not a task.
            var type = lambda.ExpressionBody == null ? null : model.GetTypeInfo(lambda.ExpressionBody, cancellationToken).Type;
            return type != null && type.Name != "Task" && type.Name != "ValueTask";
        }

        private static AnonymousFunctionExpressionSyntax DropAsync(AnonymousFunctionExpressionSyntax lambda)
        {
            var asyncToken = lambda.AsyncKeyword;
            var modifiers = lambda.Modifiers;
            var index = modifiers.IndexOf(asyncToken);
            if (index < 0)
            {
                return lambda;
            }

            var leading = asyncToken.LeadingTrivia;
            var withoutAsync = lambda.WithModifiers(modifiers.RemoveAt(index));
            return withoutAsync.WithLeadingTrivia(leading);
        }

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root == null ? document : document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode.WithTriviaFrom(oldNode)));
        }
    }
}
