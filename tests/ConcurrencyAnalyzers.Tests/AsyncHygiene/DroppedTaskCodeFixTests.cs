using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.AsyncHygiene.DroppedTaskAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.AsyncHygiene.DroppedTaskCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.AsyncHygiene
{
    public class DroppedTaskCodeFixTests
    {
        private const string AwaitIt = "await it";
        private const string DiscardIt = "await it from async code, or assign it to '_' if it is meant to run unobserved";

        [Fact]
        public Task Dropped_tasks_in_async_code_are_awaited() => Verify.VerifyFixAsync(@"
using System.IO;
using System.Threading.Tasks;

class C
{
    async Task ProcessAsync(Stream stream)
    {
        {|#0:SaveAsync()|}; // save first
        {|#1:stream.FlushAsync().ConfigureAwait(false)|};
    }

    Task SaveAsync() => Task.CompletedTask;
}",
            @"
using System.IO;
using System.Threading.Tasks;

class C
{
    async Task ProcessAsync(Stream stream)
    {
        await SaveAsync(); // save first
        await stream.FlushAsync().ConfigureAwait(false);
    }

    Task SaveAsync() => Task.CompletedTask;
}",
            Verify.Diagnostic("CONC0404").WithLocation(0).WithArguments("SaveAsync", "method", "ProcessAsync", AwaitIt),
            Verify.Diagnostic("CONC0404").WithLocation(1).WithArguments("FlushAsync", "method", "ProcessAsync", AwaitIt));

        [Fact]
        public Task Dropped_tasks_in_synchronous_code_are_discarded_explicitly() => Verify.VerifyFixAsync(@"
using System;
using System.Threading.Tasks;

class C
{
    public C() { {|#0:WarmUpAsync()|}; }

    void Start(C? other)
    {
        {|#1:Task.Run(() => Work())|};
        Action a = () => {|#2:WarmUpAsync()|};
        {|#3:other?.WarmUpAsync()|};
    }

    Task WarmUpAsync() => Task.CompletedTask;
    void Work() { }
}",
            @"
using System;
using System.Threading.Tasks;

class C
{
    public C() { _ = WarmUpAsync(); }

    void Start(C? other)
    {
        _ = Task.Run(() => Work());
        Action a = () => _ = WarmUpAsync();
        _ = other?.WarmUpAsync();
    }

    Task WarmUpAsync() => Task.CompletedTask;
    void Work() { }
}",
            Verify.Diagnostic("CONC0404").WithLocation(0).WithArguments("WarmUpAsync", "constructor", "C", DiscardIt),
            Verify.Diagnostic("CONC0404").WithLocation(1).WithArguments("Run", "method", "Start", DiscardIt),
            Verify.Diagnostic("CONC0404").WithLocation(2).WithArguments("WarmUpAsync", "lambda", "Start", DiscardIt),
            Verify.Diagnostic("CONC0404").WithLocation(3).WithArguments("WarmUpAsync", "method", "Start", DiscardIt));

        [Fact]
        public Task Conditional_access_in_async_code_is_discarded_not_awaited() => Verify.VerifyFixAsync(@"
using System.Threading.Tasks;

class C
{
    async Task M(C? other)
    {
        await Task.Yield();
        {|#0:other?.SaveAsync()|};
    }

    Task SaveAsync() => Task.CompletedTask;
}",
            @"
using System.Threading.Tasks;

class C
{
    async Task M(C? other)
    {
        await Task.Yield();
        _ = other?.SaveAsync();
    }

    Task SaveAsync() => Task.CompletedTask;
}",
            Verify.Diagnostic("CONC0404").WithLocation(0).WithArguments("SaveAsync", "method", "M", AwaitIt));

        [Fact]
        public Task No_fix_inside_lock_in_async_code_or_when_underscore_is_a_variable() => Verify.VerifyNoFixAsync(@"
using System.Threading.Tasks;

class C
{
    private readonly object _gate = new object();

    async Task M()
    {
        await Task.Yield();
        lock (_gate)
        {
            {|#0:SaveAsync()|};
        }
    }

    void N()
    {
        var _ = 1;
        {|#1:SaveAsync()|};
    }

    Task SaveAsync() => Task.CompletedTask;
}",
            Verify.Diagnostic("CONC0404").WithLocation(0).WithArguments("SaveAsync", "method", "M", AwaitIt),
            Verify.Diagnostic("CONC0404").WithLocation(1).WithArguments("SaveAsync", "method", "N", DiscardIt));

        [Fact]
        public Task FixAll_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                "using System.Threading.Tasks;\nclass A { async Task M() { {|#0:Task.Delay(1)|}; {|#1:Task.Delay(2)|}; } }\n",
                "using System.Threading.Tasks;\nclass B { async Task M(A a) { {|#2:Task.Delay(3)|}; } }\n",
            },
            new[]
            {
                "using System.Threading.Tasks;\nclass A { async Task M() { await Task.Delay(1); await Task.Delay(2); } }\n",
                "using System.Threading.Tasks;\nclass B { async Task M(A a) { await Task.Delay(3); } }\n",
            },
            Verify.Diagnostic("CONC0404").WithLocation(0).WithArguments("Delay", "method", "M", AwaitIt),
            Verify.Diagnostic("CONC0404").WithLocation(1).WithArguments("Delay", "method", "M", AwaitIt),
            Verify.Diagnostic("CONC0404").WithLocation(2).WithArguments("Delay", "method", "M", AwaitIt));
    }
}
