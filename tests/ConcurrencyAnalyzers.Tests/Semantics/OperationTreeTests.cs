using System.Collections.Generic;
using System.Linq;
using System.Text;
using ConcurrencyAnalyzers.Semantics;
using ConcurrencyAnalyzers.Tests.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace ConcurrencyAnalyzers.Tests.Semantics
{
    /// <summary>
    /// The allocation-free walks every rule uses instead of DescendantsAndSelf / DescendantNodesAndSelf must
    /// visit the same nodes in the same order, also past their recursion limit (a long concatenation).
    /// </summary>
    public class OperationTreeTests
    {
        private static (IOperation Body, SyntaxNode Method) BodyOf(string source)
        {
            var compilation = Robustness.Compile(source);
            var tree = compilation.SyntaxTrees.Single();
            var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First();
            var body = compilation.GetSemanticModel(tree).GetOperation(method);
            Assert.NotNull(body);
            return (body!, method);
        }

        /// <summary>Records every node a walk offers and never matches, so the walk visits all of them.</summary>
        private static bool Record<T>(T node, List<T> visited)
        {
            visited.Add(node);
            return false;
        }

        private static string LongConcatenation(int terms)
        {
            var sb = new StringBuilder("class C { async System.Threading.Tasks.Task<string> M(string s, System.Threading.Tasks.Task<string> t) { var x = s");
            for (var i = 0; i < terms; i++)
            {
                sb.Append(" + s");
            }

            sb.Append(" + await t; for (var i = 0; i < 3; i++) { x += i; } return x; } }");
            return sb.ToString();
        }

        [Theory]
        [InlineData(5)]
        [InlineData(600)]
        public void FindVisitsWhatDescendantsAndSelfVisitsInTheSameOrder(int terms)
        {
            var (body, _) = BodyOf(LongConcatenation(terms));
            var visited = new List<IOperation>();
            var found = OperationTree.Find(body, visited, Record);

            Assert.Null(found);
            Assert.Equal(body.DescendantsAndSelf().ToList(), visited);
        }

        [Theory]
        [InlineData(5)]
        [InlineData(600)]
        public void FindReturnsTheFirstMatchAndAnyFindsTheAwaitBehindTheLongChain(int terms)
        {
            var (body, _) = BodyOf(LongConcatenation(terms));
            var first = OperationTree.Find(body, 0, static (node, _) => node is IBinaryOperation);
            Assert.Same(body.DescendantsAndSelf().First(n => n is IBinaryOperation), first);
            Assert.True(OperationTree.Any(body, 0, static (node, _) => node is IAwaitOperation));
            Assert.False(OperationTree.Any(body, 0, static (node, _) => node is ILockOperation));
        }

        [Theory]
        [InlineData(5)]
        [InlineData(600)]
        public void FindNodeVisitsWhatDescendantNodesAndSelfVisits(int terms)
        {
            var (_, method) = BodyOf(LongConcatenation(terms));
            var visited = new List<SyntaxNode>();
            OperationTree.FindNode(method, visited, Record);
            Assert.Equal(method.DescendantNodesAndSelf().ToList(), visited);
        }

        [Fact]
        public void FindNodeKeepsOutOfRejectedSubtreesAndStopsAtThePosition()
        {
            var (_, method) = BodyOf("class C { void M(int a) { var f = (System.Func<int>)(() => a + 1); a = 2; var b = a + 3; } }");
            var assignment = method.DescendantNodes().OfType<AssignmentExpressionSyntax>().Single();

            var withoutLambdas = new List<SyntaxNode>();
            OperationTree.FindNode(method, withoutLambdas, Record, static node => node is not LambdaExpressionSyntax);
            Assert.Equal(method.DescendantNodesAndSelf(node => node is not LambdaExpressionSyntax).ToList(), withoutLambdas);

            var beforeAssignment = new List<SyntaxNode>();
            OperationTree.FindNode(method, beforeAssignment, Record, before: assignment.SpanStart);
            Assert.Equal(method.DescendantNodesAndSelf().Where(n => n.SpanStart < assignment.SpanStart).ToList(), beforeAssignment);
        }

        [Fact]
        public void FindNodeStopsAtTheEndOfASpanWhoseLastTokenHasTrailingTrivia()
        {
            // IsAssignedWithin searches a statement up to its span's end; the trailing comment lies past it.
            var (_, method) = BodyOf("class C { void M(int a) { /* lead */ a = a + 1; // trail\n a = 2; } }");
            var first = method.DescendantNodes().OfType<StatementSyntax>().First(s => s is ExpressionStatementSyntax);
            foreach (var end in new[] { first.Span.End, first.Span.End - 1, first.SpanStart, first.FullSpan.End, method.Span.End })
            {
                var visited = new List<SyntaxNode>();
                OperationTree.FindNode(method, visited, Record, before: end);
                Assert.Equal(method.DescendantNodesAndSelf().Where(n => n.SpanStart < end).ToList(), visited);
            }
        }

        [Fact]
        public void DeclarationOfAgreesWithASearchOfTheWholeTreeForEveryKindOfLocal()
        {
            var (body, _) = BodyOf(@"class C { int M(int[] xs, object o, System.IDisposable d) {
    var a = 1; int b = 2, c = a;
    using var u = d;
    { var inner = b; a += inner; }
    foreach (var x in xs) { var y = x; a += y; }
    for (var i = 0; i < a; i++) { a += i; }
    switch (a) { case 1: var s = a; a += s; break; }
    if (o is int p) { a += p; }
    if (int.TryParse(""1"", out var q)) { a += q; }
    try { a++; } catch (System.Exception e) { a += e.HResult; }
    System.Func<int, int> f = v => { var w = v + a; return w; };
    int Local(int z) { var r = z; return r; }
    using (var scoped = d) { a += scoped.GetHashCode(); }
    return a + b + c + f(1) + Local(2) + (u == null ? 0 : 1); } }");
            var references = body.DescendantsAndSelf().OfType<ILocalReferenceOperation>().ToList();
            Assert.True(references.Count > 20);
            foreach (var reference in references)
            {
                var before = reference.Syntax.SpanStart;
                var expected = body.DescendantsAndSelf().FirstOrDefault(node =>
                    node.Syntax.SpanStart > before
                    || (node is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local))
                    || (node is IForEachLoopOperation loop && loop.Locals.Contains(reference.Local, SymbolEqualityComparer.Default)));
                expected = expected is IVariableDeclaratorOperation or IForEachLoopOperation ? expected : null;
                Assert.Same(expected, OperationTree.DeclarationOf(reference.Local, reference));
            }
        }

        [Fact]
        public void DeclarationOfFindsTheDeclaratorOrTheLoopButNotAPattern()
        {
            var (body, _) = BodyOf(@"class C { int M(int[] xs, object o) {
    // a comment before the declaration
    var t = 1;
    var sum = t;
    foreach (var x in xs) { sum += x; }
    if (o is int p) { sum += p; }
    return sum; } }");
            var references = body.DescendantsAndSelf().OfType<ILocalReferenceOperation>().ToList();
            IOperation? DeclarationOfUse(string name) => OperationTree.DeclarationOf(references.First(r => r.Local.Name == name).Local, references.First(r => r.Local.Name == name));
            Assert.IsAssignableFrom<IVariableDeclaratorOperation>(DeclarationOfUse("t"));
            Assert.Equal("t = 1", DeclarationOfUse("t")!.Syntax.ToString());
            Assert.IsAssignableFrom<IForEachLoopOperation>(DeclarationOfUse("x"));
            Assert.Null(DeclarationOfUse("p"));
        }
    }
}
