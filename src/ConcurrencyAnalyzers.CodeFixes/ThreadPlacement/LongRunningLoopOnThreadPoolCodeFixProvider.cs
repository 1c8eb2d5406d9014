using System.Collections.Generic;
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
    /// CONC0302, two actions:
    /// "Run on a dedicated thread": a dropped `Task.Run(() => ...)` / `ThreadPool.QueueUserWorkItem(_ => ...)`
    /// becomes `new Thread(() => ...) { IsBackground = true, Name = "..." }.Start()`; a kept task
    /// (assigned, returned, awaited, or with a token) becomes `Task.Factory.StartNew(..., token,
    /// TaskCreationOptions.LongRunning, TaskScheduler.Default)` so the handle and the token stay.
    /// "Make the loop async": for `Task.Run` whose only blocking calls are `Thread.Sleep` statements,
    /// the lambda becomes async and each sleep `await Task.Delay(...)`.
    /// Never a dedicated thread for a delegate that awaits; no fix for timers or method groups.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LongRunningLoopOnThreadPoolCodeFixProvider)), Shared]
    public sealed class LongRunningLoopOnThreadPoolCodeFixProvider : CodeFixProvider
    {
        public const string DedicatedThreadKey = "CONC0302.DedicatedThread";
        public const string AsyncLoopKey = "CONC0302.AsyncLoop";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.LongRunningLoopOnThreadPool);

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
                    || model.GetOperation(invocation, context.CancellationToken) is not IInvocationOperation operation)
                {
                    continue;
                }

                IArgumentOperation? delegateArgument = null;
                foreach (var argument in operation.Arguments)
                {
                    if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                    {
                        delegateArgument = argument;
                        break;
                    }
                }

                var lambda = delegateArgument == null ? null : ThreadPlacementFacts.AsLambda(delegateArgument.Value);
                if (lambda == null || lambda.Syntax is not AnonymousFunctionExpressionSyntax lambdaSyntax)
                {
                    continue;
                }

                var document = context.Document;
                var replacement = DedicatedThread(invocation, operation, lambda, lambdaSyntax, model, context.CancellationToken);
                if (replacement != null)
                {
                    var (oldNode, newNode) = replacement.Value;
                    context.RegisterCodeFix(
                        CodeAction.Create("Run on a dedicated thread", ct => ReplaceAsync(document, oldNode, newNode, ct), DedicatedThreadKey),
                        diagnostic);
                }

                if (diagnostic.Properties.TryGetValue(LongRunningLoopOnThreadPoolAnalyzer.SleepOnlyProperty, out var sleepOnly) && sleepOnly == "true"
                    && operation.TargetMethod.Name == "Run" && operation.TargetMethod.ContainingType?.Name == "Task"
                    && AsyncLoop(lambdaSyntax, model, context.CancellationToken) is { } asyncLambda)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Make the loop async (await Task.Delay)", ct => ReplaceAsync(document, lambdaSyntax, asyncLambda, ct), AsyncLoopKey),
                        diagnostic);
                }
            }
        }

        private static (SyntaxNode OldNode, SyntaxNode NewNode)? DedicatedThread(
            InvocationExpressionSyntax invocation,
            IInvocationOperation operation,
            IAnonymousFunctionOperation lambda,
            AnonymousFunctionExpressionSyntax lambdaSyntax,
            SemanticModel model,
            CancellationToken cancellationToken)
        {
            // A delegate that awaits gives its thread back at the first await: a dedicated thread would be wasted.
            if (lambda.Symbol.IsAsync || (ReturnsTask(lambda) && ReturnsValue(lambda)))
            {
                return null;
            }

            var method = operation.TargetMethod;
            var typeName = method.ContainingType?.Name;
            ArgumentSyntax? token = null;
            ArgumentSyntax? options = null;
            foreach (var argument in operation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (argument.Syntax is not ArgumentSyntax syntax || argument.Parameter == null)
                {
                    return null;
                }

                var parameterType = argument.Parameter.Type;
                if (parameterType.TypeKind == TypeKind.Delegate)
                {
                    continue;
                }

                if (parameterType.Name == "CancellationToken")
                {
                    token = syntax;
                }
                else if (parameterType.Name == "TaskCreationOptions")
                {
                    options = syntax;
                }
                else if (parameterType.Name != "TaskScheduler")
                {
                    // State arguments and the rest: the delegate shape differs.
                    return null;
                }
            }

            var statement = DroppedStatement(invocation);
            var name = NameFor(model, invocation, cancellationToken);
            if (typeName == "ThreadPool")
            {
                // QueueUserWorkItem(_ => ...): only when the state parameter is unused and the bool result dropped.
                if (statement == null || token != null || lambda.Symbol.Parameters.Length != 1 || UsesParameter(lambda))
                {
                    return null;
                }

                return (statement, NewThreadStatement(lambdaSyntax, name).WithTriviaFrom(statement));
            }

            if (typeName == "Task" && method.Name == "Run")
            {
                if (statement != null && token == null && CanBeThreadStart(lambdaSyntax))
                {
                    return (statement, NewThreadStatement(lambdaSyntax, name).WithTriviaFrom(statement));
                }

                var access = (MemberAccessExpressionSyntax)invocation.Expression;
                var factory = SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, access.Expression.WithoutTrivia(), SyntaxFactory.IdentifierName("Factory")),
                    SyntaxFactory.IdentifierName("StartNew"));
                var arguments = SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(lambdaSyntax),
                    token?.WithoutTrivia() ?? SyntaxFactory.Argument(Qualified("System.Threading.CancellationToken.None")),
                    SyntaxFactory.Argument(Qualified("System.Threading.Tasks.TaskCreationOptions.LongRunning")),
                    SyntaxFactory.Argument(Qualified("System.Threading.Tasks.TaskScheduler.Default")),
                });
                return (invocation, SyntaxFactory.InvocationExpression(factory, SyntaxFactory.ArgumentList(arguments)).WithTriviaFrom(invocation));
            }

            if (typeName == "TaskFactory" && method.Name == "StartNew")
            {
                if (options != null)
                {
                    var combined = SyntaxFactory.BinaryExpression(
                        SyntaxKind.BitwiseOrExpression,
                        SyntaxFactory.ParenthesizedExpression(options.Expression.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation),
                        Qualified("System.Threading.Tasks.TaskCreationOptions.LongRunning"));
                    return (options, options.WithExpression(combined));
                }

                var arguments = SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(lambdaSyntax),
                    token?.WithoutTrivia() ?? SyntaxFactory.Argument(Qualified("System.Threading.CancellationToken.None")),
                    SyntaxFactory.Argument(Qualified("System.Threading.Tasks.TaskCreationOptions.LongRunning")),
                    SyntaxFactory.Argument(Qualified("System.Threading.Tasks.TaskScheduler.Default")),
                });
                return (invocation.ArgumentList, SyntaxFactory.ArgumentList(arguments).WithTriviaFrom(invocation.ArgumentList));
            }

            return null;
        }

        private static bool ReturnsTask(IAnonymousFunctionOperation lambda)
        {
            var returnType = lambda.Symbol.ReturnType;
            return returnType != null && (returnType.Name == "Task" || returnType.Name == "ValueTask");
        }

        /// <summary>
        /// A never-ending block lambda binds to Func&lt;Task&gt; (its end is unreachable) without returning anything;
        /// only a lambda that really returns a task is async work in disguise.
        /// </summary>
        private static bool ReturnsValue(IAnonymousFunctionOperation lambda)
        {
            foreach (var node in lambda.Body.DescendantsAndSelf())
            {
                if (node is IReturnOperation { ReturnedValue: not null } && node.Syntax is ReturnStatementSyntax or ArrowExpressionClauseSyntax or ExpressionSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool UsesParameter(IAnonymousFunctionOperation lambda)
        {
            foreach (var node in lambda.Body.DescendantsAndSelf())
            {
                if (node is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, lambda.Symbol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A block without `return value;`, or an expression body (its value is discarded by ThreadStart).</summary>
        private static bool CanBeThreadStart(AnonymousFunctionExpressionSyntax lambda)
        {
            if (lambda.Block == null)
            {
                return lambda.ExpressionBody is InvocationExpressionSyntax or AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax;
            }

            foreach (var node in lambda.Block.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (node is ReturnStatementSyntax { Expression: not null })
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The statement that drops the call's result: `Task.Run(...);` or `_ = Task.Run(...);`.</summary>
        private static StatementSyntax? DroppedStatement(InvocationExpressionSyntax invocation)
        {
            switch (invocation.Parent)
            {
                case ExpressionStatementSyntax statement:
                    return statement;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Parent: ExpressionStatementSyntax statement } assignment when assignment.Right == invocation:
                    return statement;
                default:
                    return null;
            }
        }

        private static string NameFor(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
        {
            var symbol = model.GetEnclosingSymbol(node.SpanStart, cancellationToken);
            while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                symbol = symbol.ContainingSymbol;
            }

            if (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
            {
                return constructor.ContainingType.Name;
            }

            return symbol == null ? "worker" : (symbol.ContainingType == null ? symbol.Name : symbol.ContainingType.Name + "." + symbol.Name);
        }

        private static StatementSyntax NewThreadStatement(AnonymousFunctionExpressionSyntax lambda, string name)
        {
            var body = (CSharpSyntaxNode?)lambda.Block ?? lambda.ExpressionBody!;
            var threadStart = SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(), body.WithoutLeadingTrivia())
                .WithArrowToken(SyntaxFactory.Token(SyntaxKind.EqualsGreaterThanToken));
            var creation = SyntaxFactory.ObjectCreationExpression(Qualified("System.Threading.Thread") is NameSyntax typeName ? typeName : SyntaxFactory.IdentifierName("Thread"))
                .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(threadStart))))
                .WithInitializer(SyntaxFactory.InitializerExpression(
                    SyntaxKind.ObjectInitializerExpression,
                    SyntaxFactory.SeparatedList<ExpressionSyntax>(new ExpressionSyntax[]
                    {
                        SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("IsBackground"), SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)),
                        SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("Name"), SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name))),
                    })));
            var start = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, creation, SyntaxFactory.IdentifierName("Start")));
            return SyntaxFactory.ExpressionStatement(start).WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static AnonymousFunctionExpressionSyntax? AsyncLoop(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, CancellationToken cancellationToken)
        {
            if (lambda.Block == null)
            {
                return null;
            }

            var sleeps = new List<ExpressionStatementSyntax>();
            foreach (var node in lambda.Block.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (node is InvocationExpressionSyntax call
                    && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { Name: "Sleep", ContainingType.Name: "Thread" })
                {
                    if (call.Parent is not ExpressionStatementSyntax statement || InsideLockOrUnsafe(statement, lambda))
                    {
                        return null;
                    }

                    sleeps.Add(statement);
                }
            }

            if (sleeps.Count == 0)
            {
                return null;
            }

            var rewritten = lambda.ReplaceNodes(sleeps, (original, _) =>
            {
                var call = (InvocationExpressionSyntax)original.Expression;
                var delay = SyntaxFactory.InvocationExpression(Qualified("System.Threading.Tasks.Task.Delay"), call.ArgumentList.WithoutTrivia());
                return original.WithExpression(SyntaxFactory.AwaitExpression(delay));
            });

            if (lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
            {
                return rewritten;
            }

            var asyncToken = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithLeadingTrivia(lambda.GetLeadingTrivia()).WithTrailingTrivia(SyntaxFactory.Space);
            return rewritten.WithoutLeadingTrivia().WithModifiers(rewritten.Modifiers.Insert(0, asyncToken));
        }

        private static bool InsideLockOrUnsafe(SyntaxNode node, SyntaxNode stop)
        {
            for (var current = node.Parent; current != null && current != stop; current = current.Parent)
            {
                if (current is LockStatementSyntax or UnsafeStatementSyntax or CatchFilterClauseSyntax)
                {
                    return true;
                }
            }

            return false;
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
