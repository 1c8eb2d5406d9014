using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.SharedState.UnsynchronizedCollectionMutationAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.SharedState
{
    public class UnsynchronizedCollectionMutationAnalyzerTests
    {
        private const string Usings = @"
using System;
using System.Collections.Generic;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
";

        [Fact]
        public Task Each_collection_kind_mutated_in_a_Parallel_body_is_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private readonly Dictionary<int, string> _names = new Dictionary<int, string>();
    private static readonly HashSet<int> s_seen = new HashSet<int>();

    void M(int[] ids)
    {
        var results = new List<int>();
        var pending = new Queue<int>();
        var undo = new Stack<int>();
        Parallel.ForEach(ids, id =>
        {
            {|#0:results.Add(id)|};
            {|#1:_names[id] = id.ToString()|};
            {|#2:s_seen.Add(id)|};
            {|#3:pending.Enqueue(id)|};
            {|#4:undo.Push(id)|};
            {|#5:_names.Remove(id + 1)|};
        });
    }
}",
            Verify.Diagnostic("CONC0502").WithLocation(0).WithArguments("results", "List<int>", "Add", "a 'Parallel.ForEach' delegate", "'ConcurrentBag<T>' (unordered) or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(1).WithArguments("_names", "Dictionary<int, string>", "this[]", "a 'Parallel.ForEach' delegate", "'ConcurrentDictionary<TKey, TValue>' or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(2).WithArguments("s_seen", "HashSet<int>", "Add", "a 'Parallel.ForEach' delegate", "a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(3).WithArguments("pending", "Queue<int>", "Enqueue", "a 'Parallel.ForEach' delegate", "'ConcurrentQueue<T>' or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(4).WithArguments("undo", "Stack<int>", "Push", "a 'Parallel.ForEach' delegate", "'ConcurrentStack<T>' or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(5).WithArguments("_names", "Dictionary<int, string>", "Remove", "a 'Parallel.ForEach' delegate", "'ConcurrentDictionary<TKey, TValue>' or a lock"));

        [Fact]
        public Task PLINQ_tasks_in_a_loop_and_compound_indexer_updates_are_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    async Task M(string[] words)
    {
        var counts = new Dictionary<string, int>();
        words.AsParallel().ForAll(w => {|#0:counts[w] += 1|});

        var log = new List<string>();
        var tasks = words.Select(w => Task.Run(() => {|#1:log.Add(w)|})).ToArray();
        await Task.WhenAll(tasks);

        for (int i = 0; i < 3; i++)
        {
            _ = Task.Run(() => {|#2:log.Clear()|});
        }
    }
}",
            Verify.Diagnostic("CONC0502").WithLocation(0).WithArguments("counts", "Dictionary<string, int>", "this[]", "a 'ForAll' delegate", "'ConcurrentDictionary<TKey, TValue>' or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(1).WithArguments("log", "List<string>", "Add", "a 'Task.Run' delegate started in a loop", "'ConcurrentBag<T>' (unordered) or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(2).WithArguments("log", "List<string>", "Clear", "a 'Task.Run' delegate started in a loop", "'ConcurrentBag<T>' (unordered) or a lock"));

        [Fact]
        public Task Side_by_side_delegates_touching_the_same_collection_are_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    async Task M()
    {
        var cache = new Dictionary<int, string>();
        var writer = Task.Run(() => {|#0:cache.Add(1, ""one"")|});
        var reader = Task.Run(() => cache.ContainsKey(1));
        await Task.WhenAll(writer, reader);

        var items = new List<int>();
        Parallel.Invoke(() => {|#1:items.Add(1)|}, () => {|#2:items.Add(2)|});
    }
}",
            Verify.Diagnostic("CONC0502").WithLocation(0).WithArguments("cache", "Dictionary<int, string>", "Add", "a 'Task.Run' delegate", "'ConcurrentDictionary<TKey, TValue>' or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(1).WithArguments("items", "List<int>", "Add", "a 'Parallel.Invoke' action", "'ConcurrentBag<T>' (unordered) or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(2).WithArguments("items", "List<int>", "Add", "a 'Parallel.Invoke' action", "'ConcurrentBag<T>' (unordered) or a lock"));

        [Fact]
        public Task Mutations_under_a_lock_are_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private readonly object _gate = new object();
    private readonly List<int> _results = new List<int>();

    void M(int[] ids)
    {
        Parallel.ForEach(ids, id =>
        {
            lock (_gate)
            {
                _results.Add(id);
            }

            lock (_results)
            {
                _results.Remove(id - 1);
            }
        });
    }
}");

        [Fact]
        public Task Concurrent_collections_are_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    void M(int[] ids)
    {
        var bag = new ConcurrentBag<int>();
        var map = new ConcurrentDictionary<int, int>();
        var queue = new ConcurrentQueue<int>();
        Parallel.ForEach(ids, id =>
        {
            bag.Add(id);
            map[id] = id;
            map.TryAdd(id, id);
            map.AddOrUpdate(id, 1, (k, v) => v + 1);
            queue.Enqueue(id);
        });
    }
}");

        [Fact]
        public Task Collection_only_read_concurrently_is_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private readonly Dictionary<int, string> _names = new Dictionary<int, string> { [1] = ""a"" };

    int M(int[] ids)
    {
        var allowed = new HashSet<int>(ids);
        var sum = new int[ids.Length];
        Parallel.For(0, ids.Length, i =>
        {
            if (allowed.Contains(ids[i]) && _names.TryGetValue(ids[i], out var name))
            {
                sum[i] = name.Length + _names.Count;
            }
        });
        return sum.Sum();
    }
}");

        [Fact]
        public Task Collections_created_per_run_or_per_item_are_not_reported() => Verify.VerifyAsync(Usings + @"
class Order { public List<string> Lines { get; } = new List<string>(); }
class C
{
    async Task M(Order[] orders)
    {
        Parallel.ForEach(orders, order =>
        {
            var local = new List<int>();
            local.Add(1);
            order.Lines.Add(""checked"");
        });

        var tasks = new List<Task>();
        foreach (var order in orders)
        {
            var perOrder = new List<string>();
            tasks.Add(Task.Run(() => { perOrder.Add(""x""); order.Lines.Clear(); }));
        }

        await Task.WhenAll(tasks);
    }
}");

        [Fact]
        public Task Mutation_after_the_loop_or_in_sequential_code_is_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    async Task M(int[] ids)
    {
        var results = new List<int>();
        var doubled = new int[ids.Length];
        Parallel.For(0, ids.Length, i => doubled[i] = ids[i] * 2);
        results.AddRange(doubled);
        ids.ToList().ForEach(id => results.Add(id));
        foreach (var id in ids)
        {
            await Task.Run(() => results.Add(id));
        }

        var once = Task.Run(() => results.Add(0));
        await once;
    }
}");

        [Fact]
        public Task List_indexer_set_with_distinct_indexes_is_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    void M(int[] ids)
    {
        var results = new List<int>(new int[ids.Length]);
        Parallel.For(0, ids.Length, i => results[i] = ids[i] * 2);
    }
}");

        [Fact]
        public Task ThreadLocal_collections_are_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private readonly ThreadLocal<List<int>> _buffer = new ThreadLocal<List<int>>(() => new List<int>());

    void M(int[] ids)
    {
        Parallel.ForEach(ids, id => _buffer.Value.Add(id));
    }
}");

        [Fact]
        public Task Method_called_from_a_parallel_body_is_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private readonly List<string> _errors = new List<string>();

    void Validate(int id)
    {
        if (id < 0)
        {
            {|#0:_errors.Add(""negative "" + id)|};
        }
    }

    void Run(int[] ids) => Parallel.ForEach(ids, id => Validate(id));
}",
            Verify.Diagnostic("CONC0502").WithLocation(0).WithArguments("_errors", "List<string>", "Add", "method 'Validate' (called from a 'Parallel.ForEach' delegate)", "'ConcurrentBag<T>' (unordered) or a lock"));

        [Fact]
        public Task Async_Select_lambdas_awaited_together_are_reported_after_their_first_await() => Verify.VerifyAsync(Usings + @"
class C
{
    async Task<List<string>> M(string[] urls, Func<string, Task<string>> get)
    {
        var pages = new List<string>();
        var sizes = new Dictionary<string, int>();
        await Task.WhenAll(urls.Select(async url =>
        {
            pages.Add(""before"");
            var body = await get(url);
            {|#0:pages.Add(body)|};
        }));

        var tasks = urls.Select(async url => { var body = await get(url).ConfigureAwait(false); {|#1:sizes[url] = body.Length|}; });
        await Task.WhenAll(tasks);
        return pages;
    }
}",
            Verify.Diagnostic("CONC0502").WithLocation(0).WithArguments("pages", "List<string>", "Add", "an async 'Select' lambda whose tasks all run at once", "'ConcurrentBag<T>' (unordered) or a lock"),
            Verify.Diagnostic("CONC0502").WithLocation(1).WithArguments("sizes", "Dictionary<string, int>", "this[]", "an async 'Select' lambda whose tasks all run at once", "'ConcurrentDictionary<TKey, TValue>' or a lock"));

        [Fact]
        public Task Async_Select_lambdas_awaited_one_by_one_or_in_UI_types_are_not_reported() => Verify.VerifyAsync(Usings + @"
class Form { }
class MainForm : Form
{
    async Task M(string[] urls, Func<string, Task<string>> get)
    {
        var pages = new List<string>();
        await Task.WhenAll(urls.Select(async url => { var body = await get(url); pages.Add(body); }));
    }
}

class C
{
    async Task M(string[] urls, Func<string, Task<string>> get)
    {
        var pages = new List<string>();
        foreach (var task in urls.Select(async url => { var body = await get(url); pages.Add(body); }))
        {
            await task;
        }
    }
}");

        [Fact]
        public Task Broken_code_does_not_crash() => Verify.VerifyBrokenCodeAsync(Usings + @"
class C
{
    void M(int[] ids)
    {
        var map = new Dictionary<int, Unknown>();
        Parallel.ForEach(ids, id => { {|#0:map.Remove(id)|}; });
        var results = new List<int>();
        Parallel.ForEach(ids, id => { results.Add(; missing.Add(id); results[id] = ; });
        Parallel.ForEach(ids, id => results.Add(
    }
}",
            Verify.Diagnostic("CONC0502").WithLocation(0).WithArguments("map", "Dictionary<int, Unknown>", "Remove", "a 'Parallel.ForEach' delegate", "'ConcurrentDictionary<TKey, TValue>' or a lock"));
    }
}
