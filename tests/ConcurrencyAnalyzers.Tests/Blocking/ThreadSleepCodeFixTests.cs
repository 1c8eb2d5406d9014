using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.Blocking.ThreadSleepAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.Blocking.ThreadSleepCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.Blocking
{
    public class ThreadSleepCodeFixTests
    {
        [Fact]
        public Task Sleep_becomes_Task_Delay_with_the_same_duration_and_the_token() => Verify.VerifyFixAsync(@"
using System;
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task M(CancellationToken stoppingToken)
    {
        {|#0:Thread.Sleep(100)|}; // pause
        {|#1:Thread.Sleep(TimeSpan.FromSeconds(1))|};
    }

    async Task N()
    {
        {|#2:Thread.Sleep(5)|};
    }

    Func<Task> Lambda() => async () => {|#3:Thread.Sleep(5)|};
}",
            @"
using System;
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task M(CancellationToken stoppingToken)
    {
        await Task.Delay(100, stoppingToken); // pause
        await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
    }

    async Task N()
    {
        await Task.Delay(5);
    }

    Func<Task> Lambda() => async () => await Task.Delay(5);
}",
            Verify.Diagnostic("CONC0202").WithLocation(0).WithArguments("Thread.Sleep", "method", "M"),
            Verify.Diagnostic("CONC0202").WithLocation(1).WithArguments("Thread.Sleep", "method", "M"),
            Verify.Diagnostic("CONC0202").WithLocation(2).WithArguments("Thread.Sleep", "method", "N"),
            Verify.Diagnostic("CONC0202").WithLocation(3).WithArguments("Thread.Sleep", "lambda", "Lambda"));

        [Fact]
        public Task ConfigureAwait_false_files_keep_their_style() => Verify.VerifyFixAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task M()
    {
        await Task.Yield().ConfigureAwait(false);
    }
}".Replace("await Task.Yield().ConfigureAwait(false);", "await Task.Delay(1).ConfigureAwait(false);\n        {|#0:Thread.Sleep(10)|};"),
            @"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task M()
    {
        await Task.Delay(1).ConfigureAwait(false);
        await Task.Delay(10).ConfigureAwait(false);
    }
}",
            Verify.Diagnostic("CONC0202").WithLocation(0).WithArguments("Thread.Sleep", "method", "M"));

        [Fact]
        public Task No_fix_inside_lock() => Verify.VerifyNoFixAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    private readonly object _gate = new object();

    async Task M()
    {
        lock (_gate)
        {
            {|#0:Thread.Sleep(10)|};
        }

        await Task.Yield();
    }
}",
            Verify.Diagnostic("CONC0202").WithLocation(0).WithArguments("Thread.Sleep", "method", "M"));

        [Fact]
        public Task FixAll_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                "using System.Threading;\nusing System.Threading.Tasks;\nclass A { async Task M() { {|#0:Thread.Sleep(1)|}; {|#1:Thread.Sleep(2)|}; } }\n",
                "using System.Threading;\nusing System.Threading.Tasks;\nclass B { async Task M(CancellationToken ct) { {|#2:Thread.Sleep(3)|}; } }\n",
            },
            new[]
            {
                "using System.Threading;\nusing System.Threading.Tasks;\nclass A { async Task M() { await Task.Delay(1); await Task.Delay(2); } }\n",
                "using System.Threading;\nusing System.Threading.Tasks;\nclass B { async Task M(CancellationToken ct) { await Task.Delay(3, ct); } }\n",
            },
            Verify.Diagnostic("CONC0202").WithLocation(0).WithArguments("Thread.Sleep", "method", "M"),
            Verify.Diagnostic("CONC0202").WithLocation(1).WithArguments("Thread.Sleep", "method", "M"),
            Verify.Diagnostic("CONC0202").WithLocation(2).WithArguments("Thread.Sleep", "method", "M"));
    }
}
