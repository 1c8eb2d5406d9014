using System.Threading.Tasks;
using ConcurrencyAnalyzers.SyncOverAsync;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.SyncOverAsync.BlockingTaskWaitAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.SyncOverAsync
{
    public class BlockingTaskWaitAnalyzerTests
    {
        private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.IO;\nusing System.Linq;\nusing System.Net.Http;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static Task VerifyAsync(string body, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
            => Verify.VerifyAsync(Usings + body, expected);

        // ---------------- CONC0101: positive ----------------

        [Fact]
        public Task Result_in_async_method_is_reported_with_span_and_message() => VerifyAsync(@"
class C
{
    async Task<int> LoadAsync(Task<string> t)
    {
        await Task.Yield();
        return {|#0:t.Result|}.Length;
    }
}",
            Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments(".Result", "method", "LoadAsync", "await"));

        [Fact]
        public Task Wait_GetResult_and_configured_GetResult_in_async_method() => VerifyAsync(@"
class C
{
    async Task RunAsync(Task a, Task<int> b, ValueTask<int> c, ValueTask d, Task<int> e, Task f)
    {
        {|#0:a.Wait()|};
        var x = {|#1:b.GetAwaiter().GetResult()|};
        var y = {|#2:e.ConfigureAwait(false).GetAwaiter().GetResult()|};
        var z = {|#3:c.Result|};
        {|#4:d.GetAwaiter().GetResult()|};
        {|#5:f.Wait(TimeSpan.FromSeconds(5))|};
        // A second wait on a task already waited above does not block again.
        var again = b.Result;
        await Task.Yield();
    }
}",
            Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments(".Wait()", "method", "RunAsync", "await"),
            Verify.Diagnostic("CONC0101").WithLocation(1).WithArguments(".GetAwaiter().GetResult()", "method", "RunAsync", "await"),
            Verify.Diagnostic("CONC0101").WithLocation(2).WithArguments(".GetAwaiter().GetResult()", "method", "RunAsync", "await"),
            Verify.Diagnostic("CONC0101").WithLocation(3).WithArguments(".Result", "method", "RunAsync", "await"),
            Verify.Diagnostic("CONC0101").WithLocation(4).WithArguments(".GetAwaiter().GetResult()", "method", "RunAsync", "await"),
            Verify.Diagnostic("CONC0101").WithLocation(5).WithArguments(".Wait()", "method", "RunAsync", "await"));

        [Fact]
        public Task WaitAll_and_WaitAny_in_async_lambda_and_local_function() => VerifyAsync(@"
class C
{
    void M(Task a, Task b)
    {
        Func<Task> f = async () => { {|#0:Task.WaitAll(a, b)|}; await Task.Yield(); };
        async Task Local() { {|#1:Task.WaitAny(a, b)|}; await Task.Yield(); }
    }
}",
            Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments("Task.WaitAll", "lambda", "M", "await Task.WhenAll"),
            Verify.Diagnostic("CONC0101").WithLocation(1).WithArguments("Task.WaitAny", "local function", "Local", "await Task.WhenAny"));

        [Fact]
        public Task Reassigned_task_loses_its_complete_state() => VerifyAsync(@"
class C
{
    async Task<int> M(Func<Task<int>> start)
    {
        var t = start();
        await t;
        t = start();
        return {|#0:t.Result|};
    }
}",
            Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments(".Result", "method", "M", "await"));

        [Fact]
        public Task Evidence_and_reassignment_are_found_among_statements_that_never_name_the_task() => VerifyAsync(@"
class C
{
    async Task<int> M(Func<Task<int>> start, Task<int> other, int n)
    {
        var task = start();
        var u = start();
        await \u0074ask.ConfigureAwait(false);
        var text = """";
        for (var i = 0; i < n; i++) text += i;
        await other;
        var first = task.Result;
        await u;
        for (var i = 0; i < n; i++)
        {
            text += i;
            if (i == 3) u = start();
        }

        return first + text.Length + {|#0:u.Result|};
    }
}",
            Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments(".Result", "method", "M", "await"));

        [Fact]
        public Task Await_only_on_one_branch_does_not_make_the_task_complete() => VerifyAsync(@"
class C
{
    async Task<int> M(Task<int> t, bool flag)
    {
        if (flag)
        {
            await t;
        }

        return {|#0:t.Result|};
    }
}",
            Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments(".Result", "method", "M", "await"));

        // ---------------- CONC0101: negative ----------------

        [Fact]
        public Task Task_awaited_before_is_not_reported() => VerifyAsync(@"
class C
{
    async Task<int> M(Task<int> a, Task<int> b, Task<int> c, List<Task<int>> list)
    {
        await a;
        await Task.WhenAll(b, c).ConfigureAwait(false);
        await Task.WhenAll(list);
        var sum = 0;
        foreach (var t in list) sum += t.Result;
        sum += list[0].Result + list.Sum(t => t.Result);
        return a.Result + b.Result + c.GetAwaiter().GetResult() + sum;
    }
}");

        [Fact]
        public Task Completed_by_construction_is_not_reported() => VerifyAsync(@"
class C
{
    async Task<int> M()
    {
        var done = Task.FromResult(1);
        Task.CompletedTask.Wait();
        await Task.Yield();
        return done.Result + Task.FromResult(2).Result + new ValueTask<int>(3).Result;
    }
}");

        [Fact]
        public Task Guarded_by_IsCompleted_is_not_reported() => VerifyAsync(@"
class C
{
    async ValueTask<int> M(ValueTask<int> vt, Task<int> t, Task<int> u, Task<int> w)
    {
        if (vt.IsCompletedSuccessfully) return vt.Result;
        var x = t.IsCompleted ? t.Result : await t;
        if (!u.IsCompleted)
        {
            return await u;
        }
        if (w.Status == TaskStatus.RanToCompletion && w.Result > 0) return w.Result;
        return x + u.Result;
    }
}");

        [Fact]
        public Task WhenAny_winner_is_complete() => VerifyAsync(@"
class C
{
    async Task<int> M(Task<int> work, CancellationToken ct)
    {
        var winner = await Task.WhenAny(work, Task.Delay(1000, ct));
        if (winner == work) return work.Result;
        var first = await Task.WhenAny(work);
        return first.Result;
    }
}");

        [Fact]
        public Task Non_async_lambda_inside_async_method_is_not_CONC0101_and_ContinueWith_antecedent_is_complete() => VerifyAsync(@"
class C
{
    async Task<int> M(Task<int> t)
    {
        var next = t.ContinueWith(p => p.Result + 1);
        var both = Task.WhenAll(t, next).ContinueWith(_ => t.Result + next.Result);
        return await both;
    }
}");

        [Fact]
        public Task NameOf_and_expression_trees_and_zero_timeouts_are_not_reported() => VerifyAsync(@"
using System.Linq.Expressions;
class C
{
    async Task<string> M(Task<int> t)
    {
        Expression<Func<Task<int>, int>> e = x => x.Result;
        bool done = t.Wait(0) || t.Wait(TimeSpan.Zero) || Task.WaitAll(new Task[] { t }, 0);
        await Task.Yield();
        return nameof(t.Result) + done;
    }
}");

        [Fact]
        public Task Stored_awaiter_pattern_is_not_reported() => VerifyAsync(@"
class C
{
    async Task M(Task<int> t)
    {
        var awaiter = t.GetAwaiter();
        if (awaiter.IsCompleted) { var r = awaiter.GetResult(); }
        await Task.Yield();
    }
}");

        // ---------------- CONC0102 ----------------

        [Fact]
        public Task Sync_method_property_constructor_and_lambda_are_reported() => VerifyAsync(@"
class Repo : IDisposable
{
    private readonly string _config;
    private readonly Task _flush = Task.CompletedTask;
    private static Task<string> FetchAsync() => Task.FromResult("""");

    public Repo() { _config = {|#0:FetchAsync().Result|}; }

    public string Name => {|#1:FetchAsync().GetAwaiter().GetResult()|};

    public string Load() => {|#2:FetchAsync().Result|};

    public void Dispose() { {|#3:Other().Wait()|}; }

    private static Task Other() => Task.Delay(1);

    public Lazy<string> Lazy = new Lazy<string>(() => {|#4:FetchAsync().Result|});
}",
            Verify.Diagnostic("CONC0102").WithLocation(0).WithArguments(".Result", "constructor", "Repo", "move the asynchronous work into an async factory method"),
            Verify.Diagnostic("CONC0102").WithLocation(1).WithArguments(".GetAwaiter().GetResult()", "property", "Name", "expose an async method instead of the property"),
            Verify.Diagnostic("CONC0102").WithLocation(2).WithArguments(".Result", "method", "Load", "make 'Load' async and await the task"),
            Verify.Diagnostic("CONC0102").WithLocation(3).WithArguments(".Wait()", "method", "Dispose", "implement IAsyncDisposable and await the task in DisposeAsync"),
            Verify.Diagnostic("CONC0102").WithLocation(4).WithArguments(".Result", "lambda", "Lazy", "make the lambda async and await the task"));

        [Fact]
        public Task Console_Main_is_not_reported() => VerifyAsync(@"
class Program
{
    static Task<int> RunAsync() => Task.FromResult(0);
    static Task<int> OtherAsync() => Task.Run(() => 1);

    static int Main(string[] args)
    {
        int Helper() => OtherAsync().Result;
        return RunAsync().GetAwaiter().GetResult() + OtherAsync().Result + Helper();
    }
}");

        [Fact]
        public Task Known_complete_in_sync_code_is_not_reported() => VerifyAsync(@"
class C
{
    int M(Task<int> a, Task<int> b, Task<int>[] all)
    {
        {|#1:Task.WaitAll(all)|};
        var sum = all.Sum(t => t.Result);
        {|#0:a.Wait()|};
        return a.Result + sum + (b.IsCompleted ? b.Result : 0);
    }
}",
            Verify.Diagnostic("CONC0102").WithLocation(0).WithArguments(".Wait()", "method", "M", "make 'M' async and await the task"),
            Verify.Diagnostic("CONC0102").WithLocation(1).WithArguments("Task.WaitAll", "method", "M", "make 'M' async and await the task"));

        // ---------------- lambdas run inline, more completion evidence ----------------

        [Fact]
        public Task Wait_in_a_LINQ_lambda_inside_async_method_blocks_that_method() => VerifyAsync(@"
class C
{
    async Task<int> M(List<Task<int>> pending, Dictionary<int, Task<int>> byId)
    {
        await Task.Yield();
        var values = pending.Select(t => {|#0:t.Result|}).ToList();
        pending.ForEach(t => {|#1:t.Wait()|});
        return values.Sum();
    }
}",
            Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments(".Result", "method", "M", "await"),
            Verify.Diagnostic("CONC0101").WithLocation(1).WithArguments(".Wait()", "method", "M", "await"));

        [Fact]
        public Task Lambda_handed_to_Task_Run_or_a_callback_is_sync_code() => VerifyAsync(@"
class C
{
    async Task M(Func<Task<int>> load)
    {
        await Task.Run(() => {|#0:load().Result|});
    }
}",
            Verify.Diagnostic("CONC0102").WithLocation(0).WithArguments(".Result", "lambda", "M", "make the lambda async and await the task"));

        [Fact]
        public Task Status_switch_SetResult_and_successful_timed_wait_are_complete() => VerifyAsync(@"
class C
{
    int M(Task<int> t, Task<int> u, Task<int> v)
    {
        var fromSwitch = t.Status switch
        {
            TaskStatus.RanToCompletion => t.Result,
            _ => -1,
        };
        switch (v.Status)
        {
            case TaskStatus.RanToCompletion:
                fromSwitch += v.Result;
                break;
        }
        var tcs = new TaskCompletionSource<int>();
        tcs.SetResult(1);
        if (!{|#0:u.Wait(TimeSpan.FromSeconds(1))|}) throw new TimeoutException();
        return fromSwitch + tcs.Task.Result + u.Result;
    }
}",
            Verify.Diagnostic("CONC0102").WithLocation(0).WithArguments(".Wait()", "method", "M", "make 'M' async and await the task"));

        [Fact]
        public Task Conditional_access_is_reported_from_receiver_to_member() => VerifyAsync(@"
class C
{
    string M(Task<string>? t) => {|#0:t?.Result|} ?? """";
}",
            Verify.Diagnostic("CONC0102").WithLocation(0).WithArguments(".Result", "method", "M", "make 'M' async and await the task"));

        [Fact]
        public Task WhenAny_loser_check_with_not_equals_and_WaitAny_over_completed_tasks() => VerifyAsync(@"
class C
{
    async Task<int> M(Task<int> work, Task a, Task b, Task c)
    {
        var done = await Task.WhenAny(work, Task.Delay(5000));
        if (done != work) throw new TimeoutException();
        await Task.WhenAll(a, b);
        Task.WaitAny(a, b);
        {|#0:Task.WaitAny(a, c)|};
        return work.Result;
    }
}",
            Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments("Task.WaitAny", "method", "M", "await Task.WhenAny"));

        [Fact]
        public Task Awaited_on_both_branches_and_WaitAny_index_branches_are_complete() => VerifyAsync(@"
class C
{
    async Task<int> M(Task<int> t, bool flag, Task<int> a, Task<int> b)
    {
        if (flag)
        {
            await t.ConfigureAwait(false);
        }
        else
        {
            _ = await t;
        }

        var index = {|#0:Task.WaitAny(a, b)|};
        return t.Result + (index == 0 ? a.Result : b.Result);
    }
}",
            Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments("Task.WaitAny", "method", "M", "await Task.WhenAny"));

        [Fact]
        public Task Readonly_field_created_complete_is_complete_but_a_mutable_one_is_not() => VerifyAsync(@"
class C
{
    private static readonly Task<bool> s_true = Task.FromResult(true);
    private static readonly Task s_done = Task.CompletedTask;
    private Task<bool> _mutable = Task.FromResult(true);

    bool M()
    {
        s_done.Wait();
        return s_true.Result && {|#0:_mutable.Result|};
    }
}",
            Verify.Diagnostic("CONC0102").WithLocation(0).WithArguments(".Result", "method", "M", "make 'M' async and await the task"));

        // ---------------- broken code ----------------

        [Fact]
        public Task Half_typed_code_does_not_crash() => Verify.VerifyBrokenCodeAsync(Usings + @"
class C
{
    async Task<int> M(Task<int> t, Unknown u)
    {
        var x = u.Result;
        var y = {|#0:t.Result|}.
        Task.WaitAll(
        return t.GetAwaiter().GetResult(
    }
    void N() { Missing().Wait(); var z = (await t).Result; }
    int P => t.
", Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments(".Result", "method", "M", "await"));

        [Fact]
        public Task Missing_task_type_does_not_crash() => Verify.VerifyBrokenCodeAsync(@"
class Task<T> { public T Result => default; }
class C { int M(Task<int> t) { return t.Result; } async void N() { {
");
    
        // ---------------- shared cores and sync Dispose over DisposeAsync ----------------

        [Fact]
        public Task Shared_core_called_in_sync_mode_is_not_reported_but_async_mode_and_a_forwarded_mode_are() => VerifyAsync(@"
enum IOBehavior { Synchronous, Asynchronous }

class Connection
{
    public void Open() => OpenAsync(IOBehavior.Synchronous, CancellationToken.None).GetAwaiter().GetResult();
    public void OpenNullable() => OpenNullableAsync(IOBehavior.Synchronous).GetAwaiter().GetResult();
    public int Read() => ReadCore(async: false).Result;
    public int ReadSync() => ReadCore2(synchronous: true).Result;
    public void OpenWrong() => {|#0:OpenAsync(IOBehavior.Asynchronous, CancellationToken.None).GetAwaiter().GetResult()|};
    public void Forward(IOBehavior behavior) => {|#1:OpenAsync(behavior, CancellationToken.None).GetAwaiter().GetResult()|};

    internal async Task OpenAsync(IOBehavior ioBehavior, CancellationToken cancellationToken) => await Task.Yield();
    internal async Task OpenNullableAsync(IOBehavior? ioBehavior) => await Task.Yield();
    private async Task<int> ReadCore(bool async) { await Task.Yield(); return 1; }
    private async Task<int> ReadCore2(bool synchronous) { await Task.Yield(); return 1; }
}",
            Verify.Diagnostic("CONC0102").WithLocation(0).WithArguments(".GetAwaiter().GetResult()", "method", "OpenWrong", "make 'OpenWrong' async and await the task"),
            Verify.Diagnostic("CONC0102").WithLocation(1).WithArguments(".GetAwaiter().GetResult()", "method", "Forward", "make 'Forward' async and await the task"));

        [Fact]
        public Task Wait_on_the_sync_side_of_a_mode_test_is_not_reported_but_the_async_side_is() => VerifyAsync(@"
class Context { public bool IsSynchronous { get; set; } }

class Scheduler
{
    static Task Run(Task task, Context context)
    {
        if (context.IsSynchronous && !task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
        }

        return task;
    }

    static int Pick(Task<int> task, bool useAsync)
        => !useAsync ? task.Result : 0;

    static void Other(Task task, Context context)
    {
        if (!context.IsSynchronous)
        {
            {|#0:task.Wait()|};
        }
    }
}",
            Verify.Diagnostic("CONC0102").WithLocation(0).WithArguments(".Wait()", "method", "Other", "make 'Other' async and await the task"));

        [Fact]
        public Task Sync_Dispose_over_own_DisposeAsync_is_not_reported_without_IAsyncDisposable_it_is() => VerifyAsync(@"
class Both : IDisposable, IAsyncDisposable
{
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
    public ValueTask DisposeAsync() => default;
}

class SyncOnly : IDisposable
{
    private readonly Both _inner = new Both();
    public void Dispose() => {|#0:_inner.DisposeAsync().AsTask().GetAwaiter().GetResult()|};
}

class NotDispose : IAsyncDisposable
{
    public void Stop() => {|#1:DisposeAsync().AsTask().Wait()|};
    public ValueTask DisposeAsync() => default;
}",
            Verify.Diagnostic("CONC0102").WithLocation(0).WithArguments(".GetAwaiter().GetResult()", "method", "Dispose", "implement IAsyncDisposable and await the task in DisposeAsync"),
            Verify.Diagnostic("CONC0102").WithLocation(1).WithArguments(".Wait()", "method", "Stop", "make 'Stop' async and await the task"));
    
        [Fact]
        public Task Antecedent_of_an_anonymous_method_continuation_is_complete_but_another_task_there_is_not() => VerifyAsync(@"
class C
{
    void Log(TaskCompletionSource<string> source, Task<int> other)
    {
        source.Task.ContinueWith(delegate (Task<string> t) { Console.WriteLine(t.Result); });
        source.Task.ContinueWith(delegate (Task<string> t) { Console.WriteLine({|#0:other.Result|}); });
    }
}",
            Verify.Diagnostic("CONC0102").WithLocation(0).WithArguments(".Result", "lambda", "Log", "make the lambda async and await the task"));
    
        [Fact]
        public Task A_timed_WaitAll_completes_its_tasks_only_where_it_returned_true() => VerifyAsync(@"
class C
{
    bool WaitAllIgnoreErrors(Task[] tasks)
    {
        if ({|#0:Task.WaitAll(tasks, 100)|}) return true;
        foreach (var task in tasks)
        {
            if (!task.IsCanceled && !task.IsCompleted)
            {
                {|#1:task.Wait(50)|};
            }
        }

        return false;
    }

    int Guarded(Task<int> a, Task<int> b, Task<int>[] all)
    {
        var sum = 0;
        if ({|#2:Task.WaitAll(new Task[] { a, b }, TimeSpan.FromSeconds(5))|})
        {
            sum += a.Result + b.Result;
        }

        if (!{|#3:Task.WaitAll(all, 1000)|}) throw new TimeoutException();
        return sum + all[0].Result;
    }

    int Untimed(Task<int> first, Task<int> second)
    {
        {|#4:Task.WaitAll(first, second)|};
        return first.Result + second.Result;
    }
}",
            Verify.Diagnostic("CONC0102").WithLocation(0).WithArguments("Task.WaitAll", "method", "WaitAllIgnoreErrors", "make 'WaitAllIgnoreErrors' async and await the task"),
            Verify.Diagnostic("CONC0102").WithLocation(1).WithArguments(".Wait()", "method", "WaitAllIgnoreErrors", "make 'WaitAllIgnoreErrors' async and await the task"),
            Verify.Diagnostic("CONC0102").WithLocation(2).WithArguments("Task.WaitAll", "method", "Guarded", "make 'Guarded' async and await the task"),
            Verify.Diagnostic("CONC0102").WithLocation(3).WithArguments("Task.WaitAll", "method", "Guarded", "make 'Guarded' async and await the task"),
            Verify.Diagnostic("CONC0102").WithLocation(4).WithArguments("Task.WaitAll", "method", "Untimed", "make 'Untimed' async and await the task"));
    }
}
