using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.Blocking.BlockingSynchronizationAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.Blocking.BlockingSynchronizationCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.Blocking
{
    public class BlockingSynchronizationCodeFixTests
    {
        [Fact]
        public Task SemaphoreSlim_Wait_becomes_await_WaitAsync_keeping_timeout_and_token() => Verify.VerifyFixAsync(@"
using System;
using System.Threading;
using System.Threading.Tasks;

class C
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

    async Task<bool> M(CancellationToken ct)
    {
        {|#0:_gate.Wait()|};
        var entered = {|#1:_gate.Wait(TimeSpan.FromSeconds(1), ct)|};
        if (!{|#2:_gate.Wait(500)|}) return false;
        return entered;
    }

    async Task N()
    {
        {|#3:_gate.Wait()|};
        try { await Task.Yield(); } finally { _gate.Release(); }
    }
}",
            @"
using System;
using System.Threading;
using System.Threading.Tasks;

class C
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

    async Task<bool> M(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        var entered = await _gate.WaitAsync(TimeSpan.FromSeconds(1), ct);
        if (!await _gate.WaitAsync(500, ct)) return false;
        return entered;
    }

    async Task N()
    {
        await _gate.WaitAsync();
        try { await Task.Yield(); } finally { _gate.Release(); }
    }
}",
            Verify.Diagnostic("CONC0203").WithLocation(0).WithArguments("SemaphoreSlim.Wait", "method", "M", "await 'SemaphoreSlim.WaitAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(1).WithArguments("SemaphoreSlim.Wait", "method", "M", "await 'SemaphoreSlim.WaitAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(2).WithArguments("SemaphoreSlim.Wait", "method", "M", "await 'SemaphoreSlim.WaitAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(3).WithArguments("SemaphoreSlim.Wait", "method", "N", "await 'SemaphoreSlim.WaitAsync' instead"));

        [Fact]
        public Task Primitives_without_an_awaitable_form_get_no_fix() => Verify.VerifyNoFixAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task M(ManualResetEvent reset, Thread thread, SemaphoreSlim semaphore)
    {
        {|#0:reset.WaitOne()|};
        {|#1:thread.Join()|};
        semaphore?{|#2:.Wait()|};
        await Task.Yield();
    }
}",
            Verify.Diagnostic("CONC0203").WithLocation(0).WithArguments("WaitHandle.WaitOne", "method", "M", "await a 'TaskCompletionSource' or 'SemaphoreSlim.WaitAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(1).WithArguments("Thread.Join", "method", "M", "await a Task that represents the thread's work instead"),
            Verify.Diagnostic("CONC0203").WithLocation(2).WithArguments("SemaphoreSlim.Wait", "method", "M", "await 'SemaphoreSlim.WaitAsync' instead"));

        [Fact]
        public Task FixAll_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                "using System.Threading;\nusing System.Threading.Tasks;\nclass A { async Task M(SemaphoreSlim s) { {|#0:s.Wait()|}; s.Release(); await Task.Yield(); } }\n",
                "using System.Threading;\nusing System.Threading.Tasks;\nclass B { async Task M(SemaphoreSlim s) { {|#1:s.Wait()|}; {|#2:s.Wait()|}; } }\n",
            },
            new[]
            {
                "using System.Threading;\nusing System.Threading.Tasks;\nclass A { async Task M(SemaphoreSlim s) { await s.WaitAsync(); s.Release(); await Task.Yield(); } }\n",
                "using System.Threading;\nusing System.Threading.Tasks;\nclass B { async Task M(SemaphoreSlim s) { await s.WaitAsync(); await s.WaitAsync(); } }\n",
            },
            Verify.Diagnostic("CONC0203").WithLocation(0).WithArguments("SemaphoreSlim.Wait", "method", "M", "await 'SemaphoreSlim.WaitAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(1).WithArguments("SemaphoreSlim.Wait", "method", "M", "await 'SemaphoreSlim.WaitAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(2).WithArguments("SemaphoreSlim.Wait", "method", "M", "await 'SemaphoreSlim.WaitAsync' instead"));
    }
}
