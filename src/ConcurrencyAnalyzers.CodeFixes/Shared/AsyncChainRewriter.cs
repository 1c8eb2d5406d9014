using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace ConcurrencyAnalyzers.CodeFixes.Shared
{
    /// <summary>
    /// Applies a planned <see cref="AsyncChain"/> to a solution in one pass per document: `async` and the
    /// Task return type on each member, the rename, `await` on each call, the waits rewritten, and a
    /// `using System.Threading.Tasks;` where `Task` does not bind yet. All edits are located by span in
    /// the solution the chain was planned on, so the result does not depend on the order of the plans.
    /// </summary>
    internal static class AsyncChainRewriter
    {
        private const string TasksNamespace = "System.Threading.Tasks";

        public static async Task<Solution> ApplyAsync(Solution solution, AsyncChain chain, CancellationToken cancellationToken)
        {
            var documents = new SortedSet<DocumentId>(Comparer<DocumentId>.Create((a, b) => a.Id.CompareTo(b.Id)));
            foreach (var member in chain.Members.Values)
            {
                documents.Add(member.Document);
                foreach (var reference in member.NameReferences)
                {
                    if (member.NewName != null)
                    {
                        documents.Add(reference.Document);
                    }
                }
            }

            foreach (var call in chain.AwaitedCalls)
            {
                documents.Add(call.Document);
            }

            foreach (var lambda in chain.AsyncLambdas)
            {
                documents.Add(lambda.Document);
            }

            var result = solution;
            foreach (var documentId in documents)
            {
                var document = solution.GetDocument(documentId);
                if (document == null)
                {
                    continue;
                }

                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root == null || model == null)
                {
                    continue;
                }

                var newRoot = Rewrite(documentId, root, model, chain, cancellationToken);
                if (newRoot != root)
                {
                    result = result.WithDocumentSyntaxRoot(documentId, newRoot);
                }
            }

            return result;
        }

        private static SyntaxNode Rewrite(DocumentId documentId, SyntaxNode root, SemanticModel model, AsyncChain chain, CancellationToken cancellationToken)
        {
            var declarations = new Dictionary<SyntaxNode, ChainMember>();
            var endReachable = new HashSet<SyntaxNode>();
            var awaits = new HashSet<SyntaxNode>();
            var waits = new Dictionary<SyntaxNode, WaitRewriteKind>();
            var renames = new Dictionary<SyntaxNode, string>();
            var needsTasksImport = false;
            var qualifyTask = false;

            foreach (var member in chain.Members.Values)
            {
                if (member.Document == documentId && Find<MethodDeclarationSyntax>(root, member.Declaration) is { } declaration)
                {
                    declarations[declaration] = member;
                    if (declaration.Body is { } block && (block.Statements.Count == 0
                        || model.AnalyzeControlFlow(block.Statements[0], block.Statements[block.Statements.Count - 1]) is { Succeeded: true, EndPointIsReachable: true }))
                    {
                        endReachable.Add(declaration);
                    }

                    if (member.Kind != ChainMemberKind.EventHandler)
                    {
                        switch (TaskBinding(model, declaration.SpanStart))
                        {
                            case TaskName.Missing:
                                needsTasksImport = true;
                                break;
                            case TaskName.Shadowed:
                                qualifyTask = true;
                                break;
                        }
                    }
                }

                if (member.NewName != null)
                {
                    foreach (var reference in member.NameReferences)
                    {
                        if (reference.Document == documentId && Find<SimpleNameSyntax>(root, reference.Span) is { } name)
                        {
                            renames[name] = member.NewName;
                        }
                    }
                }
            }

            foreach (var call in chain.AwaitedCalls)
            {
                if (call.Document == documentId && Find<InvocationExpressionSyntax>(root, call.Span) is { } invocation)
                {
                    awaits.Add(invocation);
                }
            }

            foreach (var wait in chain.Waits)
            {
                if (wait.Key.Document == documentId && Find<ExpressionSyntax>(root, wait.Key.Span) is { } node)
                {
                    waits[node] = wait.Value;
                }
            }

            var lambdas = new HashSet<SyntaxNode>();
            foreach (var lambda in chain.AsyncLambdas)
            {
                if (lambda.Document == documentId && Find<AnonymousFunctionExpressionSyntax>(root, lambda.Span) is { } handler)
                {
                    lambdas.Add(handler);
                }
            }

            var nodes = declarations.Keys.Concat(awaits).Concat(waits.Keys).Concat(renames.Keys).Concat(lambdas);
            var newRoot = root.ReplaceNodes(nodes, (original, current) =>
            {
                if (declarations.TryGetValue(original, out var member) && current is MethodDeclarationSyntax method)
                {
                    return member.HasAwait || member.Bodiless || member.Kind == ChainMemberKind.EventHandler
                        ? MakeAsync(method, member, qualifyTask)
                        : ReturnTask(method, member, qualifyTask, endReachable.Contains(original));
                }

                if (renames.TryGetValue(original, out var newName) && current is SimpleNameSyntax name)
                {
                    return name.WithIdentifier(SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, newName, name.Identifier.TrailingTrivia));
                }

                if (waits.TryGetValue(original, out var kind) && original is ExpressionSyntax originalWait && current is ExpressionSyntax currentWait)
                {
                    return WaitToAwait.Apply(originalWait, currentWait, kind);
                }

                if (lambdas.Contains(original) && current is AnonymousFunctionExpressionSyntax handler)
                {
                    var asyncKeyword = SyntaxFactory.Token(handler.GetLeadingTrivia(), SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                    return handler.WithoutLeadingTrivia().WithAsyncKeyword(asyncKeyword);
                }

                if (awaits.Contains(original) && current is InvocationExpressionSyntax call)
                {
                    return AwaitSyntax.AwaitReplacing((ExpressionSyntax)original, call, call);
                }

                return current;
            });

            return needsTasksImport && !qualifyTask && newRoot is CompilationUnitSyntax unit ? AddTasksImport(unit) : newRoot;
        }

        private static T? Find<T>(SyntaxNode root, TextSpan span)
            where T : SyntaxNode
        {
            if (span.End > root.FullSpan.End)
            {
                return null;
            }

            for (SyntaxNode? node = root.FindNode(span, findInsideTrivia: true, getInnermostNodeForTie: true); node != null; node = node.Parent)
            {
                if (node is T match && node.Span == span)
                {
                    return match;
                }

                if (node.Span != span)
                {
                    break;
                }
            }

            return null;
        }

        private enum TaskName
        {
            Bound,
            Missing,
            Shadowed,
        }

        /// <summary>Does `Task` at this position mean System.Threading.Tasks.Task (and Task&lt;T&gt;)?</summary>
        private static TaskName TaskBinding(SemanticModel model, int position)
        {
            var found = model.LookupNamespacesAndTypes(position, name: "Task");
            if (found.IsEmpty)
            {
                return TaskName.Missing;
            }

            foreach (var symbol in found)
            {
                if (symbol.ContainingNamespace?.ToDisplayString() != TasksNamespace)
                {
                    return TaskName.Shadowed;
                }
            }

            return TaskName.Bound;
        }

        private static MethodDeclarationSyntax MakeAsync(MethodDeclarationSyntax method, ChainMember member, bool qualifyTask, bool addAsync = true)
        {
            var returnType = method.ReturnType;
            TypeSyntax newReturnType = returnType;
            if (member.Kind != ChainMemberKind.EventHandler)
            {
                var isVoid = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
                SimpleNameSyntax task = isVoid
                    ? SyntaxFactory.IdentifierName("Task")
                    : SyntaxFactory.GenericName(SyntaxFactory.Identifier("Task"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(returnType.WithoutTrivia())));
                newReturnType = qualifyTask
                    ? SyntaxFactory.QualifiedName(SyntaxFactory.ParseName("global::" + TasksNamespace), task).WithAdditionalAnnotations(Simplifier.Annotation)
                    : task;
                newReturnType = newReturnType.WithTriviaFrom(returnType);
            }

            if (member.Bodiless || !addAsync)
            {
                // abstract / interface member, or a body that returns tasks itself: only the signature changes.
                return method.WithReturnType(newReturnType);
            }

            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            if (method.Modifiers.Count == 0)
            {
                asyncKeyword = asyncKeyword.WithLeadingTrivia(newReturnType.GetLeadingTrivia());
                newReturnType = newReturnType.WithLeadingTrivia();
            }

            var result = method.WithReturnType(newReturnType).WithModifiers(method.Modifiers.Add(asyncKeyword));
            if (member.NewName != null)
            {
                result = result.WithIdentifier(SyntaxFactory.Identifier(method.Identifier.LeadingTrivia, member.NewName, method.Identifier.TrailingTrivia));
            }

            return result;
        }

        /// <summary>
        /// A relative in a family whose body has nothing to await: it keeps its synchronous body and
        /// returns `Task.FromResult&lt;T&gt;(value)` / `Task.CompletedTask`, rather than `async` without await.
        /// </summary>
        private static MethodDeclarationSyntax ReturnTask(MethodDeclarationSyntax method, ChainMember member, bool qualifyTask, bool endReachable)
        {
            var returnType = method.ReturnType;
            var isVoid = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
            ExpressionSyntax task = qualifyTask
                ? SyntaxFactory.ParseExpression("global::" + TasksNamespace + ".Task").WithAdditionalAnnotations(Simplifier.Annotation)
                : SyntaxFactory.IdentifierName("Task");
            var completed = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("CompletedTask"));
            ExpressionSyntax FromResult(ExpressionSyntax value) => value is ThrowExpressionSyntax ? value : SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    task,
                    SyntaxFactory.GenericName(SyntaxFactory.Identifier("FromResult"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(returnType.WithoutTrivia())))),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(value.WithoutTrivia()))))
                .WithTriviaFrom(value);

            var signature = MakeAsync(method, member, qualifyTask, addAsync: false);
            if (method.ExpressionBody is { } arrow)
            {
                if (!isVoid)
                {
                    return signature.WithExpressionBody(arrow.WithExpression(FromResult(arrow.Expression)));
                }

                var block = SyntaxFactory.Block(
                    SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia()),
                    SyntaxFactory.ReturnStatement(completed)).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
                return signature.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block.WithTrailingTrivia(method.SemicolonToken.TrailingTrivia));
            }

            if (method.Body is not { } body)
            {
                return signature;
            }

            var returns = body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>();
            var newBody = body.ReplaceNodes(returns, (_, current) => current.Expression == null
                ? current.WithExpression(completed.WithLeadingTrivia(SyntaxFactory.Space))
                : current.WithExpression(FromResult(current.Expression)));
            if (isVoid && endReachable)
            {
                newBody = newBody.AddStatements(SyntaxFactory.ReturnStatement(completed).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation));
            }

            return signature.WithBody(newBody);
        }

        /// <summary>
        /// Adds `using System.Threading.Tasks;` after the last System.* using that sorts before it (else
        /// before the first using, else at the top of the file), with the file's line ending.
        /// </summary>
        private static CompilationUnitSyntax AddTasksImport(CompilationUnitSyntax unit)
        {
            var endOfLine = unit.ToFullString().Contains("\r\n") ? SyntaxFactory.CarriageReturnLineFeed : SyntaxFactory.LineFeed;
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(TasksNamespace))
                .NormalizeWhitespace()
                .WithTrailingTrivia(endOfLine);
            var usings = unit.Usings;
            if (usings.Count == 0)
            {
                var first = unit.GetFirstToken(includeZeroWidth: true);
                var withoutLeading = unit.ReplaceToken(first, first.WithLeadingTrivia());
                return withoutLeading.WithUsings(SyntaxFactory.SingletonList(
                    directive.WithLeadingTrivia(first.LeadingTrivia).WithTrailingTrivia(endOfLine, endOfLine)));
            }

            var index = -1;
            for (var i = 0; i < usings.Count; i++)
            {
                var name = usings[i].Name?.ToString();
                if (usings[i].Alias == null && usings[i].StaticKeyword.IsKind(SyntaxKind.None)
                    && name != null && (name == "System" || name.StartsWith("System.", StringComparison.Ordinal))
                    && string.CompareOrdinal(name, TasksNamespace) < 0)
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                var first = usings[0];
                return unit.WithUsings(usings.Replace(first, first.WithLeadingTrivia()).Insert(0, directive.WithLeadingTrivia(first.GetLeadingTrivia())));
            }

            return unit.WithUsings(usings.Insert(index + 1, directive));
        }
    }
}
