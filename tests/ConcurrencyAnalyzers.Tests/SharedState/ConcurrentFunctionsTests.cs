using System.Linq;
using System.Threading;
using ConcurrencyAnalyzers.Semantics;
using ConcurrencyAnalyzers.SharedState;
using ConcurrencyAnalyzers.Tests.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ConcurrencyAnalyzers.Tests.SharedState
{
    /// <summary>
    /// The text search for a function's possible starts must keep exactly the places the walk of the whole type
    /// keeps, in the same order: names in comments, strings, nested types, receivers, types and event handlers
    /// are not starts; method groups and calls inside lambdas are.
    /// </summary>
    public class ConcurrentFunctionsTests
    {
        private const string First = @"
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

partial class Worker
{
    private readonly List<int> _items = new List<int>();
    public event EventHandler? Changed;

    // Process is started below; ""Process"" in a comment is not a start.
    public void Start()
    {
        var name = ""Process and Poll"";
        new Thread(Process).Start();
        new Thread(/* Process */ Process).Start();
        Task.Run(() => Poll(1));
        Task.Run(() => { Poll(2); Helper<int>(); });
        Changed += (s, e) => Poll(3);
        Changed += OnChanged;
        ThreadPool.QueueUserWorkItem(_ => @Process());
        Parallel.For(0, 4, i => Local(i));
        void Local(int i) => _items.Add(i);
        Process();
        Poll(4);
        Func<int, Task> f = Process2;
    }

    public void Process() => _items.Add(1);
    public void Poll(int n) => _items.Add(n);
    public void Helper<T>() => _items.Add(0);
    public Task Process2(int n) { _items.Add(n); return Task.CompletedTask; }
    private void OnChanged(object? sender, EventArgs e) => _items.Add(2);

    private sealed class Nested
    {
        void Run(Worker w) { new Thread(Process).Start(); Task.Run(() => Poll()); }
        static void Process() { }
        static void Poll() { }
    }
}";

        private const string Second = @"
using System.Threading.Tasks;

partial class Worker
{
    public void More() { Task.Run(() => Process()); var t = typeof(Worker); _items.Clear(); }
}";

        private static void AssertSameSites(params string[] sources)
        {
            var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test" + i + ".cs")).ToArray();
            var compilation = CSharpCompilation.Create("Sites", trees, Robustness.Compile("").References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var type = compilation.GetTypeByMetadataName("Worker")!;
            var functions = ConcurrentFunctions.For(KnownSymbols.Create(compilation));
            var walked = functions.ScanType(type);
            var names = type.GetMembers().OfType<IMethodSymbol>().Select(m => m.Name).Append("Local").Append("Missing").Distinct().ToList();
            var found = 0;
            foreach (var name in names)
            {
                var searched = functions.PossibleStartSites(type, name, CancellationToken.None);
                if (walked.TryGetValue(name, out var expected))
                {
                    Assert.NotNull(searched);
                    Assert.Equal(expected.Select(n => (n.SyntaxTree.FilePath, n.SpanStart)), searched!.Select(n => (n.SyntaxTree.FilePath, n.SpanStart)));
                    found += expected.Count;
                }
                else
                {
                    Assert.Null(searched);
                }
            }

            Assert.True(found >= 8, "the sample should have starts of several kinds: " + found);
        }

        [Fact]
        public void Text_search_keeps_the_same_sites_as_the_walk() => AssertSameSites(First, Second);

        [Fact]
        public void A_unicode_escape_falls_back_to_the_walk_with_the_same_sites()
            => AssertSameSites(First.Replace("ThreadPool.QueueUserWorkItem(_ => @Process());", "ThreadPool.QueueUserWorkItem(_ => \\u0050rocess());"), Second);
    }
}
