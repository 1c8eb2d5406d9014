using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.ThreadPlacement.LongRunningAsyncDelegateAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.ThreadPlacement
{
    public class LongRunningAsyncDelegateAnalyzerTests
    {
        private const string Usings = @"
using System;
using System.Threading;
using System.Threading.Tasks;
";

        [Fact]
        public Task Async_lambda_with_LongRunning_is_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    void Start(CancellationToken ct)
    {
        {|#0:Task.Factory.StartNew|}(async () => { while (true) { await Task.Delay(1000); } }, TaskCreationOptions.LongRunning);
        {|#1:Task.Factory.StartNew|}(async () => await Task.Delay(1), ct, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
    }
}",
            Verify.Diagnostic("CONC0304").WithLocation(0).WithArguments("Task.Factory.StartNew", "Start", "use 'Task.Run(async ...)'"),
            Verify.Diagnostic("CONC0304").WithLocation(1).WithArguments("Task.Factory.StartNew", "Start", "use 'Task.Run(async ...)'"));

        [Fact]
        public Task Async_method_group_and_anonymous_method_are_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    async Task PumpAsync() { await Task.Yield(); }

    void Start()
    {
        {|#0:Task.Factory.StartNew|}(PumpAsync, TaskCreationOptions.LongRunning);
        {|#1:new TaskFactory().StartNew|}(async delegate { await Task.Yield(); }, TaskCreationOptions.LongRunning);
    }
}",
            Verify.Diagnostic("CONC0304").WithLocation(0).WithArguments("Task.Factory.StartNew", "Start", "use 'Task.Run(async ...)'"),
            Verify.Diagnostic("CONC0304").WithLocation(1).WithArguments("Task.Factory.StartNew", "Start", "use 'Task.Run(async ...)'"));

        [Fact]
        public Task Async_lambda_without_await_suggests_the_synchronous_body() => Verify.VerifyAsync(Usings + @"
class C
{
    void Start()
    {
        {|#0:Task.Factory.StartNew|}(async () => { while (true) { Thread.Sleep(10); } }, TaskCreationOptions.LongRunning);
    }
}",
            Verify.Diagnostic("CONC0304").WithLocation(0).WithArguments("Task.Factory.StartNew", "Start", "drop 'async' to keep the dedicated thread for a synchronous body, or use 'Task.Run(async ...)'"));

        [Fact]
        public Task Synchronous_delegate_with_LongRunning_is_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    void Start()
    {
        Task.Factory.StartNew(() => { while (true) { Thread.Sleep(10); } }, TaskCreationOptions.LongRunning);
        Task.Factory.StartNew(Work, TaskCreationOptions.LongRunning);
    }

    void Work() { }
}");

        [Fact]
        public Task Async_delegate_without_LongRunning_is_not_this_rule() => Verify.VerifyAsync(Usings + @"
class C
{
    void Start(TaskCreationOptions options)
    {
        Task.Factory.StartNew(async () => await Task.Delay(1));
        Task.Factory.StartNew(async () => await Task.Delay(1), TaskCreationOptions.DenyChildAttach);
        Task.Factory.StartNew(async () => await Task.Delay(1), options);
        Task.Run(async () => await Task.Delay(1));
    }
}");

        [Fact]
        public Task Half_typed_code_does_not_crash() => Verify.VerifyBrokenCodeAsync(Usings + @"
class C
{
    void Start()
    {
        Task.Factory.StartNew(async () => await Missing(), TaskCreationOptions.LongRunning
        Task.Factory.StartNew(Unknown, TaskCreationOptions.LongRunning);
        Task.Factory.StartNew(
    }
");
    }
}
