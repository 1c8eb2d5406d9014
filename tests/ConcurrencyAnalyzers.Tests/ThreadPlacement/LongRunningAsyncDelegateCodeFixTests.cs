using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.ThreadPlacement;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.ThreadPlacement.LongRunningAsyncDelegateAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadPlacement.LongRunningAsyncDelegateCodeFixProvider>;
using Keyed = ConcurrencyAnalyzers.Tests.ThreadPlacement.KeyedFix<
    ConcurrencyAnalyzers.ThreadPlacement.LongRunningAsyncDelegateAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadPlacement.LongRunningAsyncDelegateCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.ThreadPlacement
{
    public class LongRunningAsyncDelegateCodeFixTests
    {
        private const string Usings = @"
using System;
using System.Threading;
using System.Threading.Tasks;
";
        private const string RunAsync = "use 'Task.Run(async ...)'";
        private const string DropAsync = "drop 'async' to keep the dedicated thread for a synchronous body, or use 'Task.Run(async ...)'";

        [Fact]
        public Task StartNew_becomes_Task_Run_keeping_the_token() => Verify.VerifyFixAsync(Usings + @"
class C
{
    private Task _pump = Task.CompletedTask;

    void Start(CancellationToken ct)
    {
        _pump = {|#0:Task.Factory.StartNew|}(async () => { while (!ct.IsCancellationRequested) { await Task.Delay(1000, ct); } }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}", Usings + @"
class C
{
    private Task _pump = Task.CompletedTask;

    void Start(CancellationToken ct)
    {
        _pump = Task.Run(async () => { while (!ct.IsCancellationRequested) { await Task.Delay(1000, ct); } }, ct);
    }
}", Verify.Diagnostic("CONC0304").WithLocation(0).WithArguments("Task.Factory.StartNew", "Start", RunAsync));

        [Fact]
        public Task Unwrap_and_awaited_statement_forms_are_fixed() => Verify.VerifyFixAsync(Usings + @"
class C
{
    async Task RunAsync()
    {
        await {|#0:Task.Factory.StartNew|}(async () => await Task.Delay(1), TaskCreationOptions.LongRunning).Unwrap();
        await {|#1:Task.Factory.StartNew|}(async () => await Task.Delay(1), TaskCreationOptions.LongRunning);
        _ = {|#2:Task.Factory.StartNew|}(async () => await Task.Delay(1), TaskCreationOptions.LongRunning);
    }
}", Usings + @"
class C
{
    async Task RunAsync()
    {
        await Task.Run(async () => await Task.Delay(1));
        await Task.Run(async () => await Task.Delay(1));
        _ = Task.Run(async () => await Task.Delay(1));
    }
}",
            Verify.Diagnostic("CONC0304").WithLocation(0).WithArguments("Task.Factory.StartNew", "RunAsync", RunAsync),
            Verify.Diagnostic("CONC0304").WithLocation(1).WithArguments("Task.Factory.StartNew", "RunAsync", RunAsync),
            Verify.Diagnostic("CONC0304").WithLocation(2).WithArguments("Task.Factory.StartNew", "RunAsync", RunAsync));

        [Fact]
        public Task Body_without_await_keeps_the_dedicated_thread() => Keyed.VerifyAsync(Usings + @"
class C
{
    Task Start()
    {
        return {|#0:Task.Factory.StartNew|}(async () =>
        {
            while (true) { Thread.Sleep(100); }
        }, TaskCreationOptions.LongRunning);
    }
}", Usings + @"
class C
{
    Task Start()
    {
        return Task.Factory.StartNew(() =>
        {
            while (true) { Thread.Sleep(100); }
        }, TaskCreationOptions.LongRunning);
    }
}", LongRunningAsyncDelegateCodeFixProvider.SynchronousBodyKey,
            Verify.Diagnostic("CONC0304").WithLocation(0).WithArguments("Task.Factory.StartNew", "Start", DropAsync));

        [Fact]
        public Task Body_without_await_can_also_use_Task_Run() => Keyed.VerifyAsync(Usings + @"
class C
{
    Task Start()
    {
        return {|#0:Task.Factory.StartNew|}(async () => { Thread.Sleep(100); }, TaskCreationOptions.LongRunning);
    }
}", Usings + @"
class C
{
    Task Start()
    {
        return Task.Run(async () => { Thread.Sleep(100); });
    }
}", LongRunningAsyncDelegateCodeFixProvider.TaskRunKey,
            Verify.Diagnostic("CONC0304").WithLocation(0).WithArguments("Task.Factory.StartNew", "Start", DropAsync));

        [Fact]
        public Task Fix_all_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                Usings + "class A { void M() { {|#0:Task.Factory.StartNew|}(async () => await Task.Yield(), TaskCreationOptions.LongRunning); } }",
                Usings + "class B { void M() { {|#1:Task.Factory.StartNew|}(async () => await Task.Yield(), TaskCreationOptions.LongRunning); } }",
            },
            new[]
            {
                Usings + "class A { void M() { Task.Run(async () => await Task.Yield()); } }",
                Usings + "class B { void M() { Task.Run(async () => await Task.Yield()); } }",
            },
            Verify.Diagnostic("CONC0304").WithLocation(0).WithArguments("Task.Factory.StartNew", "M", RunAsync),
            Verify.Diagnostic("CONC0304").WithLocation(1).WithArguments("Task.Factory.StartNew", "M", RunAsync));

        [Fact]
        public Task No_fix_for_custom_scheduler_state_or_a_used_inner_task() => Verify.VerifyNoFixAsync(Usings + @"
class C
{
    async Task M(TaskScheduler scheduler)
    {
        {|#0:Task.Factory.StartNew|}(async () => await Task.Yield(), CancellationToken.None, TaskCreationOptions.LongRunning, scheduler);
        {|#1:Task.Factory.StartNew|}(async state => await Task.Yield(), 42, TaskCreationOptions.LongRunning);
        var outer = {|#2:Task.Factory.StartNew|}(async () => { await Task.Yield(); return 1; }, TaskCreationOptions.LongRunning);
        int value = await await outer;
        {|#3:Task.Factory.StartNew|}(async () => await Task.Yield(), TaskCreationOptions.LongRunning | TaskCreationOptions.AttachedToParent);
    }
}",
            Verify.Diagnostic("CONC0304").WithLocation(0).WithArguments("Task.Factory.StartNew", "M", RunAsync),
            Verify.Diagnostic("CONC0304").WithLocation(1).WithArguments("Task.Factory.StartNew", "M", RunAsync),
            Verify.Diagnostic("CONC0304").WithLocation(2).WithArguments("Task.Factory.StartNew", "M", RunAsync),
            Verify.Diagnostic("CONC0304").WithLocation(3).WithArguments("Task.Factory.StartNew", "M", RunAsync));
    }
}
