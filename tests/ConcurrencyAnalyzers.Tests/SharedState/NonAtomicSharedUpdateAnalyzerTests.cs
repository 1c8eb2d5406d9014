using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.SharedState.NonAtomicSharedUpdateAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.SharedState
{
    public class NonAtomicSharedUpdateAnalyzerTests
    {
        private const string Usings = @"
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
";

        [Fact]
        public Task Captured_local_field_and_static_updated_in_Parallel_bodies_are_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private int _processed;
    private static long s_bytes;
    private double _sum;

    void M(int[] items)
    {
        int failures = 0;
        Parallel.ForEach(items, item =>
        {
            {|#0:_processed++|};
            {|#1:s_bytes += item|};
            if (item < 0) {|#2:failures--|};
            {|#3:_sum = _sum + item|};
        });
        Parallel.For(0, 10, i => {|#4:failures += i|});
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_processed", "_processed++", "a 'Parallel.ForEach' delegate", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(1).WithArguments("s_bytes", "s_bytes += item", "a 'Parallel.ForEach' delegate", "'Interlocked.Add'"),
            Verify.Diagnostic("CONC0501").WithLocation(2).WithArguments("failures", "failures--", "a 'Parallel.ForEach' delegate", "'Interlocked.Decrement'"),
            Verify.Diagnostic("CONC0501").WithLocation(3).WithArguments("_sum", "_sum = _sum + item", "a 'Parallel.ForEach' delegate", "a lock"),
            Verify.Diagnostic("CONC0501").WithLocation(4).WithArguments("failures", "failures += i", "a 'Parallel.For' delegate", "'Interlocked.Add'"));

        [Fact]
        public Task PLINQ_ForAll_and_Select_lambdas_are_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    int M(int[] items)
    {
        int seen = 0;
        var doubled = items.AsParallel().Select(x => { {|#0:seen++|}; return x * 2; }).ToList();
        items.AsParallel().ForAll(x => {|#1:seen += x|});
        return seen + doubled.Count;
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("seen", "seen++", "a 'Select' delegate", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(1).WithArguments("seen", "seen += x", "a 'ForAll' delegate", "'Interlocked.Add'"));

        [Fact]
        public Task Task_Run_and_threads_started_in_a_loop_or_per_element_are_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private int _done;

    async Task M(int[] items)
    {
        var tasks = new List<Task>();
        for (int i = 0; i < 4; i++)
        {
            tasks.Add(Task.Run(() => {|#0:_done++|}));
        }

        await Task.WhenAll(tasks);
        await Task.WhenAll(items.Select(x => Task.Run(() => {|#1:_done += x|})));

        var threads = new List<Thread>();
        foreach (var item in items)
        {
            var thread = new Thread(() => {|#2:_done++|});
            thread.Start();
            threads.Add(thread);
        }

        foreach (var item in items)
        {
            ThreadPool.QueueUserWorkItem(_ => {|#3:_done++|});
            _ = Task.Factory.StartNew(() => {|#4:_done--|});
        }
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_done", "_done++", "a 'Task.Run' delegate started in a loop", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(1).WithArguments("_done", "_done += x", "a 'Task.Run' delegate started in a loop", "'Interlocked.Add'"),
            Verify.Diagnostic("CONC0501").WithLocation(2).WithArguments("_done", "_done++", "a 'new Thread' delegate started in a loop", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(3).WithArguments("_done", "_done++", "a 'ThreadPool.QueueUserWorkItem' delegate started in a loop", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(4).WithArguments("_done", "_done--", "a 'Task.Factory.StartNew' delegate started in a loop", "'Interlocked.Decrement'"));

        [Fact]
        public Task Delegates_started_side_by_side_that_update_the_same_counter_are_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    async Task<int> M()
    {
        int count = 0;
        var a = Task.Run(() => {|#0:count++|});
        var b = Task.Run(() => {|#1:count += 2|});
        await Task.WhenAll(a, b);
        Parallel.Invoke(() => {|#2:count++|}, () => {|#3:count--|});
        return count;
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("count", "count++", "a 'Task.Run' delegate", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(1).WithArguments("count", "count += 2", "a 'Task.Run' delegate", "'Interlocked.Add'"),
            Verify.Diagnostic("CONC0501").WithLocation(2).WithArguments("count", "count++", "a 'Parallel.Invoke' action", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(3).WithArguments("count", "count--", "a 'Parallel.Invoke' action", "'Interlocked.Decrement'"));

        [Fact]
        public Task A_stored_delegate_started_twice_is_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private int _hits;

    void M()
    {
        ThreadStart work = () => {|#0:_hits++|};
        var t1 = new Thread(work);
        var t2 = new Thread(work);
        t1.Start();
        t2.Start();
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_hits", "_hits++", "a 'new Thread' delegate started more than once", "'Interlocked.Increment'"));

        [Fact]
        public Task Properties_and_other_types_are_reported_without_Interlocked_advice() => Verify.VerifyAsync(Usings + @"
class Stats { public int Count { get; set; } public decimal Total; }
class C
{
    private readonly Stats _stats = new Stats();
    private string _log = """";

    void M(decimal[] amounts)
    {
        Parallel.ForEach(amounts, amount =>
        {
            {|#0:_stats.Count++|};
            {|#1:_stats.Total += amount|};
            {|#2:_log += amount.ToString()|};
        });
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("Count", "_stats.Count++", "a 'Parallel.ForEach' delegate", "a field updated with 'Interlocked.Increment' or a lock"),
            Verify.Diagnostic("CONC0501").WithLocation(1).WithArguments("Total", "_stats.Total += amount", "a 'Parallel.ForEach' delegate", "a lock"),
            Verify.Diagnostic("CONC0501").WithLocation(2).WithArguments("_log", "_log += amount.ToString()", "a 'Parallel.ForEach' delegate", "a lock"));

        [Fact]
        public Task Nested_parallel_body_sharing_an_outer_body_local_is_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    void M(int[][] rows)
    {
        Parallel.ForEach(rows, row =>
        {
            int rowTotal = 0;
            Parallel.ForEach(row, cell => {|#0:rowTotal += cell|});
            rowTotal++;
        });
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("rowTotal", "rowTotal += cell", "a 'Parallel.ForEach' delegate", "'Interlocked.Add'"));

        [Fact]
        public Task Locals_declared_inside_the_body_are_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    void M(int[] items)
    {
        Parallel.ForEach(items, item =>
        {
            int local = 0;
            local++;
            local += item;
            for (int i = 0; i < item; i++) { local = local + i; }
            item++;
        });
    }
}");

        [Fact]
        public Task Captured_variable_only_read_is_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private int _limit = 10;

    void M(int[] items)
    {
        int offset = 3;
        var results = new int[items.Length];
        Parallel.For(0, items.Length, i => results[i] = items[i] + offset + _limit);
    }
}");

        [Fact]
        public Task Update_after_the_parallel_loop_is_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private int _batches;

    void M(int[] items)
    {
        int total = 0;
        var partial = new int[items.Length];
        Parallel.For(0, items.Length, i => partial[i] = items[i] * 2);
        foreach (var p in partial) total += p;
        _batches++;
    }
}");

        [Fact]
        public Task Task_Run_started_once_is_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private int _refreshes;

    async Task M()
    {
        int local = 0;
        var t = Task.Run(() => { _refreshes++; local++; });
        await t;
        var thread = new Thread(() => _refreshes++);
        thread.Start();
    }
}");

        [Fact]
        public Task Task_Run_awaited_or_joined_inside_the_loop_is_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private int _done;

    async Task M(int[] items)
    {
        foreach (var item in items)
        {
            await Task.Run(() => _done += item);
            await Task.Run(() => _done++).ConfigureAwait(false);
            Task.Run(() => _done++).Wait();
            var thread = new Thread(() => _done++);
            thread.Start();
            thread.Join();
        }
    }
}");

        [Fact]
        public Task Writes_under_a_shared_lock_are_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private readonly object _gate = new object();
    private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1);
    private int _count;
    private decimal _total;

    void M(decimal[] items)
    {
        Parallel.ForEach(items, item =>
        {
            lock (_gate)
            {
                _count++;
                _total += item;
            }
        });

        Parallel.ForEach(items, item =>
        {
            _semaphore.Wait();
            try { _count++; } finally { _semaphore.Release(); }
        });
    }
}");

        [Fact]
        public Task A_lock_on_an_object_made_per_run_does_not_protect() => Verify.VerifyAsync(Usings + @"
class C
{
    private int _count;

    void M(int[] items)
    {
        Parallel.ForEach(items, item =>
        {
            var gate = new object();
            lock (gate)
            {
                {|#0:_count++|};
            }
        });
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_count", "_count++", "a 'Parallel.ForEach' delegate", "'Interlocked.Increment'"));

        [Fact]
        public Task Interlocked_ThreadStatic_and_ThreadLocal_are_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    [ThreadStatic] private static int t_calls;
    private readonly ThreadLocal<int> _perThread = new ThreadLocal<int>();
    private int _count;

    void M(int[] items)
    {
        Parallel.ForEach(items, item =>
        {
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _count, item);
            t_calls++;
            _perThread.Value++;
            _perThread.Value += item;
        });
    }
}");

        [Fact]
        public Task LocalInit_localFinally_pattern_updates_only_the_per_task_value() => Verify.VerifyAsync(Usings + @"
class C
{
    long M(int[] items)
    {
        long total = 0;
        Parallel.ForEach(
            items,
            () => 0L,
            (item, state, subtotal) => { subtotal += item; return subtotal; },
            subtotal => Interlocked.Add(ref total, subtotal));
        return total;
    }
}");

        [Fact]
        public Task LocalFinally_adding_without_Interlocked_is_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    long M(int[] items)
    {
        long total = 0;
        Parallel.For(0, items.Length, () => 0L, (i, state, subtotal) => subtotal + items[i], subtotal => {|#0:total += subtotal|});
        return total;
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("total", "total += subtotal", "a 'Parallel.For' delegate", "'Interlocked.Add'"));

        [Fact]
        public Task Per_item_receivers_and_loop_body_locals_are_not_shared() => Verify.VerifyAsync(Usings + @"
class Order { public int Attempts; public decimal Total { get; set; } }
class C
{
    async Task M(Order[] orders)
    {
        Parallel.ForEach(orders, order =>
        {
            order.Attempts++;
            order.Total += 1m;
        });
        Parallel.For(0, orders.Length, i => orders[i].Attempts++);

        var tasks = new List<Task>();
        foreach (var order in orders)
        {
            int retries = 0;
            tasks.Add(Task.Run(() => { retries++; order.Attempts++; }));
        }

        await Task.WhenAll(tasks);
    }
}");

        [Fact]
        public Task Parallel_Invoke_actions_updating_different_counters_are_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    async Task M()
    {
        int a = 0, b = 0;
        Parallel.Invoke(() => a++, () => b++);
        var t1 = Task.Run(() => a++);
        await t1;
        var t2 = Task.Run(() => a++);
        await t2;
        await Task.Run(() => b++);
        await Task.Run(() => b++);
    }
}");

        [Fact]
        public Task Sequential_LINQ_and_List_ForEach_are_not_concurrent() => Verify.VerifyAsync(Usings + @"
class C
{
    private int _count;

    void M(List<int> items)
    {
        int seen = 0;
        items.ForEach(x => _count++);
        var doubled = items.Select(x => { seen++; return x * 2; }).ToList();
        var again = items.AsParallel().AsSequential().Select(x => { seen++; return x; }).ToList();
    }
}");

        [Fact]
        public Task Event_handlers_are_not_concurrent_but_a_local_function_called_from_a_parallel_body_is() => Verify.VerifyAsync(Usings + @"
class C
{
    public event EventHandler Changed;
    private int _count;

    void M(int[] items)
    {
        Changed += (s, e) => _count++;
        void Bump() => {|#0:_count++|};
        Parallel.ForEach(items, item => Bump());
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_count", "_count++", "method 'Bump' (called from a 'Parallel.ForEach' delegate)", "'Interlocked.Increment'"));

        [Fact]
        public Task Method_started_by_two_threads_is_reported() => Verify.VerifyAsync(Usings + @"
class Program
{
    static int counter;

    static void Increment()
    {
        for (int i = 0; i < 100000; i++)
        {
            {|#0:counter++|};
        }
    }

    static void Main()
    {
        var t1 = new Thread(Increment);
        var t2 = new Thread(Increment);
        t1.Start();
        t2.Start();
        t1.Join();
        t2.Join();
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("counter", "counter++", "method 'Increment' (started more than once)", "'Interlocked.Increment'"));

        [Fact]
        public Task Starts_in_another_part_of_a_partial_type_count_but_direct_calls_do_not() => Verify.VerifyAsync(Usings + @"
partial class C
{
    private int _processed;
    private int _seen;

    void Process(int item) { {|#0:_processed++|}; }

    void Note(int item) { _seen++; }
}

partial class C
{
    void Run(int[] items)
    {
        Parallel.ForEach(items, this.Process);
        foreach (var item in items) { Note(item); Note(item); }
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_processed", "_processed++", "method 'Process' (run by 'Parallel.ForEach')", "'Interlocked.Increment'"));

        [Fact]
        public Task Local_function_started_before_its_declaration_is_reported_and_event_handler_calls_are_not() => Verify.VerifyAsync(Usings + @"
using System;

class C
{
    private int _processed;
    private int _clicks;

    public event EventHandler Clicked;

    void Count() { _clicks++; }

    void Run(int[] items)
    {
        Parallel.ForEach(items, Process);
        Clicked += (s, e) => Count();
        Clicked += (s, e) => Count();

        void Process(int item) { {|#0:_processed++|}; }
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_processed", "_processed++", "method 'Process' (run by 'Parallel.ForEach')", "'Interlocked.Increment'"));

        [Fact]
        public Task Method_group_given_to_Parallel_and_method_called_from_a_parallel_body_are_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private int _processed;
    private long _bytes;

    void Process(int item) { {|#0:_processed++|}; }

    void Measure(int item)
    {
        int local = 0;
        local++;
        {|#1:_bytes += item|};
    }

    void Run(int[] items)
    {
        Parallel.ForEach(items, Process);
        Parallel.For(0, items.Length, i => Measure(items[i]));
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_processed", "_processed++", "method 'Process' (run by 'Parallel.ForEach')", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(1).WithArguments("_bytes", "_bytes += item", "method 'Measure' (called from a 'Parallel.For' delegate)", "'Interlocked.Add'"));

        [Fact]
        public async Task Top_level_local_function_started_by_two_tasks_is_reported()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using System.Threading.Tasks;

int counter = 0;
var a = Task.Run(Work);
var b = Task.Run(Work);
await Task.WhenAll(a, b);
System.Console.WriteLine(counter);

void Work()
{
    for (int i = 0; i < 1000; i++) {|#0:counter++|};
}
",
            };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("counter", "counter++", "method 'Work' (started more than once)", "'Interlocked.Increment'"));
            await test.RunAsync(System.Threading.CancellationToken.None);
        }

        [Fact]
        public Task Methods_started_once_awaited_called_under_lock_or_on_other_instances_are_not_reported() => Verify.VerifyAsync(Usings + @"
class Worker
{
    private int _runs;
    public void Run() { _runs++; }
}

class C
{
    private readonly object _gate = new object();
    private int _ticks;
    private int _locked;

    void Tick() { _ticks++; }
    void Bump() { _locked++; }

    async Task M(Worker[] workers)
    {
        var thread = new Thread(Tick);
        thread.Start();
        await Task.Run(Tick);
        Parallel.For(0, 10, i => { lock (_gate) { Bump(); } });
        Parallel.ForEach(workers, w => w.Run());
    }
}");

        [Fact]
        public Task Delegate_started_once_while_the_caller_keeps_updating_is_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    async Task<int> M()
    {
        int counter = 0;
        var task = Task.Run(() => { for (int i = 0; i < 1000; i++) {|#0:counter++|}; });
        for (int i = 0; i < 1000; i++) counter++;
        await task;

        long total = 0;
        var thread = new Thread(() => {|#1:total += 5|});
        total += 1;
        thread.Start();
        total += 2;
        thread.Join();
        return counter + (int)total;
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("counter", "counter++", "a 'Task.Run' delegate", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(1).WithArguments("total", "total += 5", "a 'new Thread' delegate", "'Interlocked.Add'"));

        [Fact]
        public Task Caller_updating_only_after_awaiting_or_before_starting_is_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    async Task<int> M()
    {
        int counter = 0;
        var task = Task.Run(() => counter++);
        Console.WriteLine(""started"");
        await task;
        counter++;

        var thread = new Thread(() => counter++);
        counter += 10;
        thread.Start();
        thread.Join();
        counter--;

        var t2 = Task.Run(() => counter++);
        t2.Wait();
        counter++;
        return counter;
    }
}");

        [Fact]
        public Task ConcurrentDictionary_entry_incremented_in_place_is_reported() => Verify.VerifyAsync(Usings + @"
using System.Collections.Concurrent;
class C
{
    private readonly ConcurrentDictionary<string, int> _hits = new ConcurrentDictionary<string, int>();

    void M(string[] words)
    {
        var lengths = new ConcurrentDictionary<string, long>();
        Parallel.ForEach(words, w =>
        {
            {|#0:_hits[w]++|};
            {|#1:lengths[w] += w.Length|};
            _hits.AddOrUpdate(w, 1, (_, n) => n + 1);
            lengths[w] = w.Length;
        });
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_hits[...]", "_hits[w]++", "a 'Parallel.ForEach' delegate", "'AddOrUpdate'"),
            Verify.Diagnostic("CONC0501").WithLocation(1).WithArguments("lengths[...]", "lengths[w] += w.Length", "a 'Parallel.ForEach' delegate", "'AddOrUpdate'"));

        [Fact]
        public Task Local_function_declared_inside_a_parallel_body_is_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    void M(int[] items)
    {
        Parallel.ForEach(items, item =>
        {
            int seen = 0;
            void Bump() => seen++;
            Bump();
            Bump();
        });
    }
}");

        [Fact]
        public Task Async_method_whose_calls_all_run_at_once_is_reported_after_its_first_await() => Verify.VerifyAsync(Usings + @"
class C
{
    private int _saved;
    private int _started;
    private int _indexed;

    async Task SaveAsync(int id)
    {
        _started++;
        await Task.Delay(id);
        {|#0:_saved++|};
    }

    async Task IndexAsync(int id)
    {
        await Task.Yield();
        {|#1:_indexed += id|};
    }

    async Task RunAsync(int[] ids)
    {
        await Task.WhenAll(ids.Select(SaveAsync));
        var work = ids.Select(id => IndexAsync(id)).ToList();
        await Task.WhenAll(work);
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_saved", "_saved++", "method 'SaveAsync' (its tasks all run at once through 'Select')", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(1).WithArguments("_indexed", "_indexed += id", "method 'IndexAsync' (its tasks all run at once through 'Select')", "'Interlocked.Add'"));

        [Fact]
        public Task Async_method_awaited_one_call_at_a_time_is_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private int _saved;

    async Task SaveAsync(int id)
    {
        await Task.Delay(id);
        _saved++;
    }

    async Task RunAsync(int[] ids)
    {
        foreach (var id in ids)
        {
            await SaveAsync(id);
        }

        foreach (var task in ids.Select(SaveAsync))
        {
            await task;
        }
    }
}");

        [Fact]
        public Task Broken_code_does_not_crash() => Verify.VerifyBrokenCodeAsync(Usings + @"
class C
{
    private int _count;
    void M(int[] items)
    {
        Parallel.ForEach(items, item => { _missing++; undefined += item; _count = _count + ; });
        Parallel.For(0, , i => _count++
        Task.Run(() => {|#1:_count++|}
        for (;;) { Task.Run(() => { Unknown.Value++; }); }
        Parallel.ForEach(items, item => { {|#0:_count++|}; });
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_count", "_count++", "a 'Parallel.ForEach' delegate", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(1).WithArguments("_count", "_count++", "a 'Task.Run' delegate", "'Interlocked.Increment'"));
    }
}
