using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.SyncOverAsync.BlockingTaskWaitAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SyncOverAsync.BlockingWaitInAsyncCodeCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.SyncOverAsync
{
    public class BlockingWaitInAsyncCodeCodeFixTests
    {
        [Fact]
        public Task Each_wait_form_becomes_its_await_form_keeping_ConfigureAwait_and_trivia() => Verify.VerifyFixAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task<int> M(Task<string> a, Task b, Task<int> c, Task d, Task e, Task f, CancellationToken ct)
    {
        var length = {|#0:a.Result|}.Length; // trailing comment
        {|#1:b.Wait()|};
        var value = {|#2:c.ConfigureAwait(false).GetAwaiter().GetResult()|};
        {|#3:Task.WaitAll(d, e)|};
        {|#4:Task.WaitAny(d, f)|};
        {|#5:GetAsync().Wait(ct)|};
        return length + value;
    }

    Task GetAsync() => Task.CompletedTask;
}",
            @"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task<int> M(Task<string> a, Task b, Task<int> c, Task d, Task e, Task f, CancellationToken ct)
    {
        var length = (await a).Length; // trailing comment
        await b;
        var value = await c.ConfigureAwait(false);
        await Task.WhenAll(d, e);
        await Task.WhenAny(d, f);
        await GetAsync().WaitAsync(ct);
        return length + value;
    }

    Task GetAsync() => Task.CompletedTask;
}",
            Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments(".Result", "method", "M", "await"),
            Verify.Diagnostic("CONC0101").WithLocation(1).WithArguments(".Wait()", "method", "M", "await"),
            Verify.Diagnostic("CONC0101").WithLocation(2).WithArguments(".GetAwaiter().GetResult()", "method", "M", "await"),
            Verify.Diagnostic("CONC0101").WithLocation(3).WithArguments("Task.WaitAll", "method", "M", "await Task.WhenAll"),
            Verify.Diagnostic("CONC0101").WithLocation(4).WithArguments("Task.WaitAny", "method", "M", "await Task.WhenAny"),
            Verify.Diagnostic("CONC0101").WithLocation(5).WithArguments(".Wait()", "method", "M", "await"));

        [Fact]
        public Task Async_lambda_expression_body_is_fixed() => Verify.VerifyFixAsync(@"
using System;
using System.Threading.Tasks;

class C
{
    Func<Task<int>> M(Task<int> t) => async () => {|#0:t.Result|} + 1;
}",
            @"
using System;
using System.Threading.Tasks;

class C
{
    Func<Task<int>> M(Task<int> t) => async () => await t + 1;
}",
            Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments(".Result", "lambda", "M", "await"));

        [Fact]
        public Task FixAll_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                "using System.Threading.Tasks;\nclass A { async Task<int> M(Task<int> t) { await Task.Yield(); return {|#0:t.Result|}; } }\n",
                "using System.Threading.Tasks;\nclass B { async Task M(Task t, Task u) { {|#1:t.Wait()|}; {|#2:u.GetAwaiter().GetResult()|}; await Task.Yield(); } }\n",
            },
            new[]
            {
                "using System.Threading.Tasks;\nclass A { async Task<int> M(Task<int> t) { await Task.Yield(); return await t; } }\n",
                "using System.Threading.Tasks;\nclass B { async Task M(Task t, Task u) { await t; await u; await Task.Yield(); } }\n",
            },
            Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments(".Result", "method", "M", "await"),
            Verify.Diagnostic("CONC0101").WithLocation(1).WithArguments(".Wait()", "method", "M", "await"),
            Verify.Diagnostic("CONC0101").WithLocation(2).WithArguments(".GetAwaiter().GetResult()", "method", "M", "await"));

        [Fact]
        public Task No_fix_inside_lock_or_for_timeouts_or_used_WaitAny_index() => Verify.VerifyNoFixAsync(@"
using System;
using System.Threading.Tasks;

class C
{
    private readonly object _gate = new object();

    async Task<int> M(Task<int> t, Task a, Task b, Task c)
    {
        lock (_gate)
        {
            Console.WriteLine({|#0:t.Result|});
        }

        bool finished = {|#1:a.Wait(TimeSpan.FromSeconds(1))|};
        int index = {|#2:Task.WaitAny(b, c)|};
        await Task.Yield();
        return index;
    }
}",
            Verify.Diagnostic("CONC0101").WithLocation(0).WithArguments(".Result", "method", "M", "await"),
            Verify.Diagnostic("CONC0101").WithLocation(1).WithArguments(".Wait()", "method", "M", "await"),
            Verify.Diagnostic("CONC0101").WithLocation(2).WithArguments("Task.WaitAny", "method", "M", "await Task.WhenAny"));
    }
}
