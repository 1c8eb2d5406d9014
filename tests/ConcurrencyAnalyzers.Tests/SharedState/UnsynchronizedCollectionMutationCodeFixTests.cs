using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.SharedState.UnsynchronizedCollectionMutationAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SharedState.UnsynchronizedCollectionMutationCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.SharedState
{
    public class UnsynchronizedCollectionMutationCodeFixTests
    {
        private const string LockKey = "UnsynchronizedCollectionMutationCodeFixProvider.Lock";
        private const string TypeKey = "UnsynchronizedCollectionMutationCodeFixProvider.ConcurrentType";

        private static async Task VerifyAsync(string source, string fixedSource, string key, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = key };
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Wraps_statements_and_void_expression_lambdas_in_a_lock_on_the_existing_gate() => VerifyAsync(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    private readonly object _gate = new object();
    private readonly List<int> _results = new List<int>();
    private readonly Dictionary<int, int> _counts = new Dictionary<int, int>();

    void M(int[] ids)
    {
        Parallel.ForEach(ids, id =>
        {
            if (id > 0)
            {
                {|#0:_results.Add(id)|}; // keep
            }

            {|#1:_counts[id] = id|};
        });
        Parallel.ForEach(ids, id => {|#2:_results.Remove(id)|});
    }

    void Clear() { lock (_gate) { _results.Clear(); } }
}",
            @"
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    private readonly object _gate = new object();
    private readonly List<int> _results = new List<int>();
    private readonly Dictionary<int, int> _counts = new Dictionary<int, int>();

    void M(int[] ids)
    {
        Parallel.ForEach(ids, id =>
        {
            if (id > 0)
            {
                lock (_gate)
                {
                    _results.Add(id);
                } // keep
            }

            lock (_gate)
            {
                _counts[id] = id;
            }
        });
        Parallel.ForEach(ids, id => { lock (_gate) { _results.Remove(id); } });
    }

    void Clear() { lock (_gate) { _results.Clear(); } }
}",
            LockKey,
            Verify.Diagnostic("CONC0502").WithLocation(0).WithArguments("_results", "List<int>", "Add", "a 'Parallel.ForEach' delegate", "'ConcurrentBag<T>' (unordered) or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(1).WithArguments("_counts", "Dictionary<int, int>", "this[]", "a 'Parallel.ForEach' delegate", "'ConcurrentDictionary<TKey, TValue>' or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(2).WithArguments("_results", "List<int>", "Remove", "a 'Parallel.ForEach' delegate", "'ConcurrentBag<T>' (unordered) or a lock"));

        [Fact]
        public Task Changes_a_local_to_its_concurrent_counterpart_and_adds_the_using() => VerifyAsync(@"using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class C
{
    int M(int[] ids)
    {
        var results = new List<int>();
        Dictionary<int, string> names = new Dictionary<int, string>();
        Queue<int> pending = new();
        Parallel.ForEach(ids, id =>
        {
            {|#0:results.Add(id * 2)|};
            {|#1:names[id] = id.ToString()|};
            {|#2:pending.Enqueue(id)|};
        });
        return results.Sum() + names.Count + pending.Count;
    }
}",
            @"using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class C
{
    int M(int[] ids)
    {
        var results = new ConcurrentBag<int>();
        ConcurrentDictionary<int, string> names = new ConcurrentDictionary<int, string>();
        ConcurrentQueue<int> pending = new();
        Parallel.ForEach(ids, id =>
        {
            results.Add(id * 2);
            names[id] = id.ToString();
            pending.Enqueue(id);
        });
        return results.Sum() + names.Count + pending.Count;
    }
}",
            TypeKey,
            Verify.Diagnostic("CONC0502").WithLocation(0).WithArguments("results", "List<int>", "Add", "a 'Parallel.ForEach' delegate", "'ConcurrentBag<T>' (unordered) or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(1).WithArguments("names", "Dictionary<int, string>", "this[]", "a 'Parallel.ForEach' delegate", "'ConcurrentDictionary<TKey, TValue>' or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(2).WithArguments("pending", "Queue<int>", "Enqueue", "a 'Parallel.ForEach' delegate", "'ConcurrentQueue<T>' or a lock"));

        [Fact]
        public Task FixAll_type_change_handles_several_mutations_of_one_local() => VerifyAsync(@"
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    int M(int[] ids)
    {
        var seen = new Dictionary<int, int>();
        Parallel.ForEach(ids, id =>
        {
            {|#0:seen[id] = 1|};
            {|#1:seen[-id] = 2|};
        });
        return seen.Count;
    }
}",
            @"
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    int M(int[] ids)
    {
        var seen = new ConcurrentDictionary<int, int>();
        Parallel.ForEach(ids, id =>
        {
            seen[id] = 1;
            seen[-id] = 2;
        });
        return seen.Count;
    }
}",
            TypeKey,
            Verify.Diagnostic("CONC0502").WithLocation(0).WithArguments("seen", "Dictionary<int, int>", "this[]", "a 'Parallel.ForEach' delegate", "'ConcurrentDictionary<TKey, TValue>' or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(1).WithArguments("seen", "Dictionary<int, int>", "this[]", "a 'Parallel.ForEach' delegate", "'ConcurrentDictionary<TKey, TValue>' or a lock"));

        [Fact]
        public Task FixAll_lock_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                "using System.Collections.Generic;\nusing System.Threading.Tasks;\nclass A { private static readonly object s_gate = new object(); static readonly List<int> s_items = new List<int>(); static void M(int[] xs) { Parallel.ForEach(xs, x => { {|#0:s_items.Add(x)|}; }); } }\n",
                "using System.Collections.Generic;\nusing System.Threading.Tasks;\nclass B { private readonly object _sync = new object(); readonly HashSet<int> _set = new HashSet<int>(); void M(int[] xs) { Parallel.For(0, xs.Length, i => { {|#1:_set.Add(xs[i])|}; }); } }\n",
            },
            new[]
            {
                "using System.Collections.Generic;\nusing System.Threading.Tasks;\nclass A { private static readonly object s_gate = new object(); static readonly List<int> s_items = new List<int>(); static void M(int[] xs) { Parallel.ForEach(xs, x => { lock (s_gate) { s_items.Add(x); } }); } }\n",
                "using System.Collections.Generic;\nusing System.Threading.Tasks;\nclass B { private readonly object _sync = new object(); readonly HashSet<int> _set = new HashSet<int>(); void M(int[] xs) { Parallel.For(0, xs.Length, i => { lock (_sync) { _set.Add(xs[i]); } }); } }\n",
            },
            Verify.Diagnostic("CONC0502").WithLocation(0).WithArguments("s_items", "List<int>", "Add", "a 'Parallel.ForEach' delegate", "'ConcurrentBag<T>' (unordered) or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(1).WithArguments("_set", "HashSet<int>", "Add", "a 'Parallel.For' delegate", "a lock"));

        [Fact]
        public Task No_fix_without_a_gate_when_the_type_change_would_not_compile() => Verify.VerifyNoFixAsync(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    private readonly List<int> _results = new List<int>();
    private object _notReadonly = new object();

    void Use(List<int> list) { }

    int M(int[] ids)
    {
        var byId = new Dictionary<int, int>();
        var work = new Queue<int>();
        var kept = new List<int>();
        Parallel.ForEach(ids, id =>
        {
            {|#0:_results.Add(id)|};
            {|#1:byId.Add(id, id)|};
            {|#2:work.Enqueue(id)|};
            {|#3:kept.Add(id)|};
        });
        Use(kept);
        return work.Dequeue();
    }
}",
            Verify.Diagnostic("CONC0502").WithLocation(0).WithArguments("_results", "List<int>", "Add", "a 'Parallel.ForEach' delegate", "'ConcurrentBag<T>' (unordered) or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(1).WithArguments("byId", "Dictionary<int, int>", "Add", "a 'Parallel.ForEach' delegate", "'ConcurrentDictionary<TKey, TValue>' or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(2).WithArguments("work", "Queue<int>", "Enqueue", "a 'Parallel.ForEach' delegate", "'ConcurrentQueue<T>' or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(3).WithArguments("kept", "List<int>", "Add", "a 'Parallel.ForEach' delegate", "'ConcurrentBag<T>' (unordered) or a lock"));

        [Fact]
        public Task No_lock_fix_around_an_await_or_for_a_lock_object_declared_in_the_body() => Verify.VerifyNoFixAsync(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    private readonly HashSet<int> _ids = new HashSet<int>();
    private readonly object _gate = new object();

    async Task M(int[] ids)
    {
        await Parallel.ForEachAsync(ids, async (id, ct) =>
        {
            {|#0:_ids.Add(await GetAsync(id))|};
        });
    }

    static void N(int[] ids, HashSet<int> shared)
    {
        Parallel.ForEach(ids, id =>
        {
            var gate = new object();
            {|#1:shared.Add(id)|};
        });
    }

    Task<int> GetAsync(int id) => Task.FromResult(id);
}",
            Verify.Diagnostic("CONC0502").WithLocation(0).WithArguments("_ids", "HashSet<int>", "Add", "a 'Parallel.ForEachAsync' delegate", "a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(1).WithArguments("shared", "HashSet<int>", "Add", "a 'Parallel.ForEach' delegate", "a lock"));
    }
}
