using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using ConcurrencyAnalyzers.Benchmarks.Corpus;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Benchmarks.Harness
{
    /// <summary>
    /// `--hot-paths`: times the shared semantics our rules call, one step at a time, on a corpus's own
    /// operations (outside the driver): symbol setup per compilation, the wait filter run on every call
    /// and property access, and the slower questions asked only once a wait is found.
    /// </summary>
    internal static class HotPaths
    {
        public static string Run(GeneratedCorpus corpus, int repeat)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = corpus.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, path: f.Path)).ToImmutableArray();
            var compilation = CSharpCompilation.Create("Corpus", trees, References.Load(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

            var properties = new List<IPropertyReferenceOperation>();
            var invocations = new List<IInvocationOperation>();
            var containing = new Dictionary<IOperation, ISymbol?>();
            foreach (var tree in trees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax }))
                    {
                        continue;
                    }

                    var body = model.GetOperation(node);
                    if (body == null)
                    {
                        continue;
                    }

                    ISymbol? symbol = node is ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax declaration }
                        ? (model.GetDeclaredSymbol(declaration) as IPropertySymbol)?.GetMethod
                        : model.GetDeclaredSymbol(node);
                    foreach (var operation in body.DescendantsAndSelf())
                    {
                        if (operation is IPropertyReferenceOperation property)
                        {
                            properties.Add(property);
                            containing[property] = symbol;
                        }
                        else if (operation is IInvocationOperation invocation)
                        {
                            invocations.Add(invocation);
                            containing[invocation] = symbol;
                        }
                    }
                }
            }

            var sw = new Stopwatch();
            var lines = new List<string>();
            KnownSymbols known = KnownSymbols.Create(compilation);

            // Symbol setup on a new compilation each time (as every edit in the IDE makes one).
            var setup = new List<double>();
            for (var r = 0; r < repeat; r++)
            {
                var fresh = compilation.Clone();
                sw.Restart();
                known = KnownSymbols.Create(fresh);
                setup.Add(sw.Elapsed.TotalMilliseconds);
            }

            lines.Add($"KnownSymbols.Create on a new compilation: {Statistics.Median(setup):F2} ms (once per compilation)");

            // A brand-new compilation whose references the compiler has not bound yet: whoever asks for a
            // type first pays for binding the referenced assemblies, which the build does anyway.
            var cold = new List<double>();
            var coldBound = new List<double>();
            for (var r = 0; r < repeat; r++)
            {
                var fresh = CSharpCompilation.Create("Fresh", trees, compilation.References, (CSharpCompilationOptions)compilation.Options);
                sw.Restart();
                known = KnownSymbols.Create(fresh);
                cold.Add(sw.Elapsed.TotalMilliseconds);
                var bound = CSharpCompilation.Create("Fresh", trees, compilation.References, (CSharpCompilationOptions)compilation.Options);
                Runner.BindReferences(bound);
                sw.Restart();
                known = KnownSymbols.Create(bound);
                coldBound.Add(sw.Elapsed.TotalMilliseconds);
            }

            lines.Add($"KnownSymbols.Create on a brand-new compilation: {Statistics.Median(cold):F2} ms; after the compiler bound the references: {Statistics.Median(coldBound):F2} ms");
            known = KnownSymbols.Create(compilation);

            var waits = new List<TaskWait>();
            var filter = Time(repeat, () =>
            {
                waits.Clear();
                foreach (var property in properties)
                {
                    if (TaskWaits.TryGetWait(property, known, out var wait))
                    {
                        waits.Add(wait);
                    }
                }

                foreach (var invocation in invocations)
                {
                    if (TaskWaits.TryGetWait(invocation, known, out var wait))
                    {
                        waits.Add(wait);
                    }
                }
            }, out var filterBytes);
            var calls = properties.Count + invocations.Count;
            lines.Add($"TaskWaits.TryGetWait on every call and property access: {calls:N0} operations, {filter:F2} ms, {filter * 1e6 / calls:F0} ns and {filterBytes / (double)calls:F1} bytes each; {waits.Count} waits found");

            if (waits.Count > 0)
            {
                var context = Time(repeat, () =>
                {
                    foreach (var wait in waits)
                    {
                        AsyncContext.Find(wait.Operation, containing[wait.Operation], known);
                    }
                }, out var contextBytes);
                lines.Add($"AsyncContext.Find per wait: {context * 1e3 / waits.Count:F1} us, {contextBytes / (double)waits.Count:F0} bytes");

                var complete = 0;
                var facts = Time(repeat, () =>
                {
                    complete = 0;
                    foreach (var wait in waits)
                    {
                        if (wait.Task != null && TaskFacts.IsKnownComplete(wait.Task, wait.Operation, known, CancellationToken.None))
                        {
                            complete++;
                        }
                    }
                }, out var factsBytes);
                lines.Add($"TaskFacts.IsKnownComplete per wait: {facts * 1e3 / waits.Count:F1} us, {factsBytes / (double)waits.Count:F0} bytes ({complete} of {waits.Count} known complete, so not reported)");
                lines.Add($"Share of the per-operation work: filter {filter / (filter + context + facts):P0}, AsyncContext {context / (filter + context + facts):P0}, TaskFacts {facts / (filter + context + facts):P0}");
            }

            // CONC0201's first question for every call, memoized per declared method and receiver type: a new
            // compilation starts with an empty memo (cold), the same one answers from it (warm).
            var emptyMemoTimes = new List<double>();
            long emptyMemoBytes = 0;
            var candidates = 0;
            for (var r = 0; r < repeat; r++)
            {
                var fresh = new AwaitableAlternatives(known);
                var before = GC.GetAllocatedBytesForCurrentThread();
                sw.Restart();
                candidates = 0;
                foreach (var invocation in invocations)
                {
                    if (fresh.MayHaveAlternative(invocation))
                    {
                        candidates++;
                    }
                }

                emptyMemoTimes.Add(sw.Elapsed.TotalMilliseconds);
                emptyMemoBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            }

            var warmMemo = new AwaitableAlternatives(known);
            var warm = Time(repeat, () =>
            {
                foreach (var invocation in invocations)
                {
                    warmMemo.MayHaveAlternative(invocation);
                }
            }, out var warmBytes);
            var emptyMemo = Statistics.Median(emptyMemoTimes);
            lines.Add($"AwaitableAlternatives.MayHaveAlternative on every call: {invocations.Count:N0} calls, {candidates} worth a search; empty memo {emptyMemo * 1e6 / invocations.Count:F0} ns and {emptyMemoBytes / (double)invocations.Count:F1} bytes per call, full memo {warm * 1e6 / invocations.Count:F0} ns and {warmBytes / (double)invocations.Count:F1} bytes");

            // CONC0301/0303's caller-thread question, once per method (memoized per compilation): the first ask
            // of each method is what a fresh compilation pays.
            var methods = containing.Values.OfType<IMethodSymbol>().Distinct<IMethodSymbol>(SymbolEqualityComparer.Default).ToList();
            var classify = Time(repeat, () =>
            {
                foreach (var method in methods)
                {
                    ConcurrencyAnalyzers.Semantics.ExecutionContext.ClassifyMethod(method, known, System.Collections.Immutable.ImmutableArray<string>.Empty);
                }
            }, out var classifyBytes);
            // The same on a compilation the compiler has just bound (as in a build): the first ask of each method.
            var compiled = CSharpCompilation.Create("Fresh", trees, compilation.References, (CSharpCompilationOptions)compilation.Options);
            compiled.GetDiagnostics();
            var freshKnown = KnownSymbols.Create(compiled);
            var freshMethods = new List<IMethodSymbol>();
            foreach (var tree in trees)
            {
                var model = compiled.GetSemanticModel(tree);
                foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
                {
                    if (model.GetDeclaredSymbol(declaration) is IMethodSymbol declared)
                    {
                        freshMethods.Add(declared);
                    }
                }
            }

            var firstBytes = GC.GetAllocatedBytesForCurrentThread();
            sw.Restart();
            foreach (var method in freshMethods)
            {
                ConcurrencyAnalyzers.Semantics.ExecutionContext.ClassifyMethod(method, freshKnown, System.Collections.Immutable.ImmutableArray<string>.Empty);
            }

            var first = sw.Elapsed.TotalMilliseconds;
            firstBytes = GC.GetAllocatedBytesForCurrentThread() - firstBytes;
            lines.Add($"ExecutionContext.ClassifyMethod per method: {methods.Count:N0} methods, {classify * 1e6 / Math.Max(1, methods.Count):F0} ns and {classifyBytes / (double)Math.Max(1, methods.Count):F1} bytes each; first ask after a compile: {first * 1e6 / Math.Max(1, freshMethods.Count):F0} ns and {firstBytes / (double)Math.Max(1, freshMethods.Count):F1} bytes each");

            return string.Join(Environment.NewLine, lines);
        }

        private static double Time(int repeat, Action action, out long bytes)
        {
            action();
            var times = new List<double>();
            bytes = 0;
            for (var r = 0; r < repeat; r++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                action();
                times.Add(sw.Elapsed.TotalMilliseconds);
                bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            }

            return Statistics.Median(times);
        }
    }
}
