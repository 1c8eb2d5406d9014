using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.AsyncHygiene.StartNewWithAsyncDelegateAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.AsyncHygiene
{
    public class StartNewWithAsyncDelegateAnalyzerTests
    {
        [Fact]
        public Task StartNew_with_task_returning_delegates_is_reported() => Verify.VerifyAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task M(CancellationToken ct, TaskFactory factory)
    {
        await {|#0:Task.Factory.StartNew(async () => await Task.Delay(10))|};
        var t = {|#1:Task.Factory.StartNew(async () => { await Task.Delay(10); return 1; }, ct)|};
        await {|#2:Task.Factory.StartNew(LoadAsync)|};
        await {|#3:Task.Factory.StartNew(async s => await Task.Delay((int)s!), 5)|};
        await {|#4:factory.StartNew(() => LoadAsync())|};
        await {|#5:Task.Factory.StartNew(async () => await Task.Yield(), ct, TaskCreationOptions.AttachedToParent, TaskScheduler.Default)|};
        await {|#6:Task.Factory.StartNew(async () => await Task.Yield(), ct, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default)|};
        await t;
    }

    Task LoadAsync() => Task.CompletedTask;
}",
            Verify.Diagnostic("CONC0403").WithLocation(0).WithArguments("Task.Factory.StartNew", "Task.Run"),
            Verify.Diagnostic("CONC0403").WithLocation(1).WithArguments("Task.Factory.StartNew", "Task.Run"),
            Verify.Diagnostic("CONC0403").WithLocation(2).WithArguments("Task.Factory.StartNew", "Task.Run"),
            Verify.Diagnostic("CONC0403").WithLocation(3).WithArguments("Task.Factory.StartNew", ".Unwrap()"),
            Verify.Diagnostic("CONC0403").WithLocation(4).WithArguments("TaskFactory.StartNew", ".Unwrap()"),
            Verify.Diagnostic("CONC0403").WithLocation(5).WithArguments("Task.Factory.StartNew", ".Unwrap()"),
            Verify.Diagnostic("CONC0403").WithLocation(6).WithArguments("Task.Factory.StartNew", "Task.Run"));

        [Fact]
        public Task Fire_and_forget_StartNew_in_synchronous_code_is_reported() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

class C
{
    void M()
    {
        {|#0:Task.Factory.StartNew(async () => await Task.Delay(10))|};
    }
}",
            Verify.Diagnostic("CONC0403").WithLocation(0).WithArguments("Task.Factory.StartNew", "Task.Run"));

        [Fact]
        public Task Unwrapped_results_are_not_reported() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

class C
{
    async Task M()
    {
        await Task.Factory.StartNew(async () => await Task.Delay(10)).Unwrap();
        await TaskExtensions.Unwrap(Task.Factory.StartNew(async () => await Task.Delay(10)));
        await await Task.Factory.StartNew(async () => await Task.Delay(10));
        var n = await (await Task.Factory.StartNew(async () => { await Task.Delay(10); return 1; }));
    }
}");

        [Fact]
        public Task LongRunning_is_left_to_CONC0304() => Verify.VerifyAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task M()
    {
        await Task.Factory.StartNew(async () => await Task.Delay(10), TaskCreationOptions.LongRunning);
        await Task.Factory.StartNew(async () => await Task.Delay(10), CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
    }
}");

        [Fact]
        public Task Synchronous_delegates_and_Task_Run_are_not_reported() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

class C
{
    async Task M()
    {
        await Task.Factory.StartNew(() => Compute());
        var n = await Task.Factory.StartNew(() => 42);
        await Task.Run(async () => await Task.Delay(10));
    }

    void Compute() { }
}");

        [Fact]
        public Task Broken_code_does_not_crash() => Verify.VerifyBrokenCodeAsync(@"
using System.Threading.Tasks;

class C
{
    async Task M()
    {
        await Task.Factory.StartNew(async () => await Missing());
        await Task.Factory.StartNew(async () => , );
        await Task.Factory.StartNew(;
    }
}");
    }
}
