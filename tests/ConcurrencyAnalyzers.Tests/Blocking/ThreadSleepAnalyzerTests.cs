using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.Blocking.ThreadSleepAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.Blocking
{
    public class ThreadSleepAnalyzerTests
    {
        [Fact]
        public Task Sleep_in_async_methods_lambdas_and_local_functions_is_reported() => Verify.VerifyAsync(@"
using System;
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task M()
    {
        {|#0:Thread.Sleep(100)|};
        {|#1:Thread.Sleep(TimeSpan.FromSeconds(1))|};
        Func<Task> retry = async () => { {|#2:Thread.Sleep(50)|}; await Task.Yield(); };
        async Task Local() { {|#3:System.Threading.Thread.Sleep(10)|}; await Task.Yield(); }
        await Local();
    }
}",
            Verify.Diagnostic("CONC0202").WithLocation(0).WithArguments("Thread.Sleep", "method", "M"),
            Verify.Diagnostic("CONC0202").WithLocation(1).WithArguments("Thread.Sleep", "method", "M"),
            Verify.Diagnostic("CONC0202").WithLocation(2).WithArguments("Thread.Sleep", "lambda", "M"),
            Verify.Diagnostic("CONC0202").WithLocation(3).WithArguments("Thread.Sleep", "local function", "Local"));

        [Fact]
        public Task Sleep_in_sync_code_non_async_lambdas_and_zero_sleeps_is_not_reported() => Verify.VerifyAsync(@"
using System;
using System.Threading;
using System.Threading.Tasks;

class C
{
    void Sync() => Thread.Sleep(100);

    async Task M()
    {
        await Task.Run(() => Thread.Sleep(100));
        var thread = new Thread(() => Thread.Sleep(100));
        Action later = () => Thread.Sleep(100);
        Thread.Sleep(0);
        Thread.Sleep(TimeSpan.Zero);
        await Task.Yield();
    }
}");

        [Fact]
        public Task Sleep_on_the_sync_branch_of_a_shared_core_is_not_reported() => Verify.VerifyAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task Backoff(bool isAsync)
    {
        if (isAsync) await Task.Delay(10);
        else Thread.Sleep(10);
    }
}");

        [Fact]
        public Task Half_typed_code_does_not_crash_the_analyzer() => Verify.VerifyBrokenCodeAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task M(Missing m)
    {
        Thread.Sleep(;
        Thread.Sleep(m.Delay);
        Thread.Sleep(""x"");
        await Task.Yield();
    }
}");
    }
}
