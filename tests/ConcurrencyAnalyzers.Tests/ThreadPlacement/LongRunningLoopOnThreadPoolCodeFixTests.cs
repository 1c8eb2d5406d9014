using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.ThreadPlacement;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.ThreadPlacement.LongRunningLoopOnThreadPoolAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadPlacement.LongRunningLoopOnThreadPoolCodeFixProvider>;
using Keyed = ConcurrencyAnalyzers.Tests.ThreadPlacement.KeyedFix<
    ConcurrencyAnalyzers.ThreadPlacement.LongRunningLoopOnThreadPoolAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadPlacement.LongRunningLoopOnThreadPoolCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.ThreadPlacement
{
    public class LongRunningLoopOnThreadPoolCodeFixTests
    {
        private const string Usings = @"
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
";
        private const string Sleep = "make the loop async with 'await Task.Delay', or run it on a dedicated background thread";
        private const string Dedicated = "run it on a dedicated background thread (new Thread { IsBackground = true }) or with TaskCreationOptions.LongRunning";

        [Fact]
        public Task Dropped_Task_Run_becomes_a_named_background_thread() => Keyed.VerifyAsync(Usings + @"
class Poller
{
    void Start()
    {
        {|#0:Task.Run|}(() =>
        {
            while (true)
            {
                Thread.Sleep(1000);
            }
        });
    }
}", Usings + @"
class Poller
{
    void Start()
    {
        new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(1000);
            }
        })
        {
            IsBackground = true,
            Name = ""Poller.Start""
        }.Start();
    }
}", LongRunningLoopOnThreadPoolCodeFixProvider.DedicatedThreadKey,
            Verify.Diagnostic("CONC0302").WithLocation(0).WithArguments("Task.Run", "Thread.Sleep", "Start", Sleep));

        [Fact]
        public Task Kept_task_becomes_LongRunning_keeping_handle_and_token() => Keyed.VerifyAsync(Usings + @"
class Consumer
{
    private readonly BlockingCollection<int> _queue = new BlockingCollection<int>();
    private Task _worker = Task.CompletedTask;

    void Start(CancellationToken ct)
    {
        _worker = {|#0:Task.Run|}(() => { foreach (var item in _queue.GetConsumingEnumerable(ct)) { Console.WriteLine(item); } }, ct);
    }
}", Usings + @"
class Consumer
{
    private readonly BlockingCollection<int> _queue = new BlockingCollection<int>();
    private Task _worker = Task.CompletedTask;

    void Start(CancellationToken ct)
    {
        _worker = Task.Factory.StartNew(() => { foreach (var item in _queue.GetConsumingEnumerable(ct)) { Console.WriteLine(item); } }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}", LongRunningLoopOnThreadPoolCodeFixProvider.DedicatedThreadKey,
            Verify.Diagnostic("CONC0302").WithLocation(0).WithArguments("Task.Run", "BlockingCollection.GetConsumingEnumerable", "Start", Dedicated));

        [Fact]
        public Task StartNew_gains_LongRunning() => Keyed.VerifyAsync(Usings + @"
class C
{
    Task Start(TaskCreationOptions options)
    {
        {|#0:Task.Factory.StartNew|}(() => { while (true) { Thread.Sleep(1); } });
        return {|#1:Task.Factory.StartNew|}(() => { while (true) { Thread.Sleep(1); } }, CancellationToken.None, options, TaskScheduler.Default);
    }
}", Usings + @"
class C
{
    Task Start(TaskCreationOptions options)
    {
        Task.Factory.StartNew(() => { while (true) { Thread.Sleep(1); } }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Task.Factory.StartNew(() => { while (true) { Thread.Sleep(1); } }, CancellationToken.None, options | TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}", LongRunningLoopOnThreadPoolCodeFixProvider.DedicatedThreadKey,
            Verify.Diagnostic("CONC0302").WithLocation(0).WithArguments("Task.Factory.StartNew", "Thread.Sleep", "Start", Sleep),
            Verify.Diagnostic("CONC0302").WithLocation(1).WithArguments("Task.Factory.StartNew", "Thread.Sleep", "Start", Sleep));

        [Fact]
        public Task QueueUserWorkItem_becomes_a_background_thread() => Keyed.VerifyAsync(Usings + @"
class C
{
    void Start()
    {
        {|#0:ThreadPool.QueueUserWorkItem|}(_ => { while (true) { Thread.Sleep(5); } });
    }
}", Usings + @"
class C
{
    void Start()
    {
        new Thread(() => { while (true) { Thread.Sleep(5); } }) { IsBackground = true, Name = ""C.Start"" }.Start();
    }
}", LongRunningLoopOnThreadPoolCodeFixProvider.DedicatedThreadKey,
            Verify.Diagnostic("CONC0302").WithLocation(0).WithArguments("ThreadPool.QueueUserWorkItem", "Thread.Sleep", "Start", Sleep));

        [Fact]
        public Task Sleep_loop_becomes_an_async_Task_Delay_loop() => Keyed.VerifyAsync(Usings + @"
class C
{
    private Task _loop = Task.CompletedTask;

    void Start(CancellationToken ct)
    {
        _loop = {|#0:Task.Run|}(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                Console.WriteLine(""tick"");
                Thread.Sleep(TimeSpan.FromSeconds(5));
            }
        }, ct);
    }
}", Usings + @"
class C
{
    private Task _loop = Task.CompletedTask;

    void Start(CancellationToken ct)
    {
        _loop = Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                Console.WriteLine(""tick"");
                await Task.Delay(TimeSpan.FromSeconds(5));
            }
        }, ct);
    }
}", LongRunningLoopOnThreadPoolCodeFixProvider.AsyncLoopKey,
            Verify.Diagnostic("CONC0302").WithLocation(0).WithArguments("Task.Run", "Thread.Sleep", "Start", Sleep));

        [Fact]
        public Task Fix_all_across_documents() => KeyedFix<ConcurrencyAnalyzers.ThreadPlacement.LongRunningLoopOnThreadPoolAnalyzer, LongRunningLoopOnThreadPoolCodeFixProvider>.VerifyAsync(
            new[]
            {
                Usings + "class A { Task M() => {|#0:Task.Run|}(() => { while (true) { Thread.Sleep(1); } }); }",
                Usings + "class B { Task M() => {|#1:Task.Run|}(() => { while (true) { Thread.Sleep(1); } }); }",
            },
            new[]
            {
                Usings + "class A { Task M() => Task.Factory.StartNew(() => { while (true) { Thread.Sleep(1); } }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default); }",
                Usings + "class B { Task M() => Task.Factory.StartNew(() => { while (true) { Thread.Sleep(1); } }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default); }",
            },
            LongRunningLoopOnThreadPoolCodeFixProvider.DedicatedThreadKey,
            null,
            Verify.Diagnostic("CONC0302").WithLocation(0).WithArguments("Task.Run", "Thread.Sleep", "M", Sleep),
            Verify.Diagnostic("CONC0302").WithLocation(1).WithArguments("Task.Run", "Thread.Sleep", "M", Sleep));

        [Fact]
        public Task No_fix_for_timers_method_groups_or_sleep_inside_lock_with_waits() => Verify.VerifyNoFixAsync(Usings + @"
class C
{
    private readonly object _gate = new object();
    private readonly AutoResetEvent _signal = new AutoResetEvent(false);
    private Timer? _timer;

    void Start()
    {
        _timer = {|#0:new Timer|}(_ => { while (true) { Thread.Sleep(100); } }, null, 0, 1000);
        {|#1:Task.Run|}(Pump);
        {|#2:Task.Run|}(async () => { while (true) { _signal.WaitOne(); } await Task.Yield(); });
    }

    void Pump() { while (true) { Thread.Sleep(100); } }
}",
            Verify.Diagnostic("CONC0302").WithLocation(0).WithArguments("new Timer", "Thread.Sleep", "Start", Sleep),
            Verify.Diagnostic("CONC0302").WithLocation(1).WithArguments("Task.Run", "Thread.Sleep", "Start", Dedicated),
            Verify.Diagnostic("CONC0302").WithLocation(2).WithArguments("Task.Run", "WaitHandle.WaitOne", "Start", Dedicated));
    }
}
