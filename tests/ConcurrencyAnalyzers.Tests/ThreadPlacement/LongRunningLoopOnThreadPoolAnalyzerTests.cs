using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.ThreadPlacement.LongRunningLoopOnThreadPoolAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.ThreadPlacement
{
    public class LongRunningLoopOnThreadPoolAnalyzerTests
    {
        private const string Usings = @"
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
";
        private const string Sleep = "make the loop async with 'await Task.Delay', or run it on a dedicated background thread";
        private const string Dedicated = "run it on a dedicated background thread (new Thread { IsBackground = true }) or with TaskCreationOptions.LongRunning";

        [Fact]
        public Task Polling_loops_with_sleep_on_the_pool_are_reported() => Verify.VerifyAsync(Usings + @"
class Poller
{
    private volatile bool _running = true;

    void Start(CancellationToken ct)
    {
        {|#0:Task.Run|}(() =>
        {
            while (true)
            {
                Poll();
                Thread.Sleep(1000);
            }
        });
        {|#1:Task.Factory.StartNew|}(() => { while (!ct.IsCancellationRequested) { Poll(); Thread.Sleep(500); } });
        {|#2:ThreadPool.QueueUserWorkItem|}(_ => { for (;;) { Poll(); Thread.Sleep(TimeSpan.FromSeconds(1)); } });
        {|#3:Task.Run|}(() => { while (_running) { Thread.Sleep(10); } }, ct);
    }

    void Poll() { }
}",
            Verify.Diagnostic("CONC0302").WithLocation(0).WithArguments("Task.Run", "Thread.Sleep", "Start", Sleep),
            Verify.Diagnostic("CONC0302").WithLocation(1).WithArguments("Task.Factory.StartNew", "Thread.Sleep", "Start", Sleep),
            Verify.Diagnostic("CONC0302").WithLocation(2).WithArguments("ThreadPool.QueueUserWorkItem", "Thread.Sleep", "Start", Sleep),
            Verify.Diagnostic("CONC0302").WithLocation(3).WithArguments("Task.Run", "Thread.Sleep", "Start", Sleep));

        [Fact]
        public Task Consumer_loops_blocking_on_queues_and_io_are_reported() => Verify.VerifyAsync(Usings + @"
class Consumer
{
    private readonly BlockingCollection<string> _queue = new BlockingCollection<string>();
    private readonly AutoResetEvent _signal = new AutoResetEvent(false);
    private Task _worker = Task.CompletedTask;

    void Start(Stream stream)
    {
        _worker = {|#0:Task.Run|}(() => { foreach (var item in _queue.GetConsumingEnumerable()) { Handle(item); } });
        {|#1:Task.Run|}(() => { while (true) { _signal.WaitOne(); Handle(""tick""); } });
        {|#2:Task.Run|}(Pump);
        var buffer = new byte[1024];
        {|#3:Task.Run|}(() => { while (true) { var n = stream.Read(buffer, 0, buffer.Length); if (n == 0) break; } });
    }

    void Pump()
    {
        while (true) { var item = _queue.Take(); Handle(item); }
    }

    void Handle(string item) { }
}",
            Verify.Diagnostic("CONC0302").WithLocation(0).WithArguments("Task.Run", "BlockingCollection.GetConsumingEnumerable", "Start", Dedicated),
            Verify.Diagnostic("CONC0302").WithLocation(1).WithArguments("Task.Run", "WaitHandle.WaitOne", "Start", Dedicated),
            Verify.Diagnostic("CONC0302").WithLocation(2).WithArguments("Task.Run", "BlockingCollection.Take", "Start", Dedicated),
            Verify.Diagnostic("CONC0302").WithLocation(3).WithArguments("Task.Run", "Stream.Read", "Start", Dedicated));

        [Fact]
        public Task Timer_callback_with_a_blocking_loop_is_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    private Timer? _timer;

    void Start()
    {
        _timer = {|#0:new Timer|}(_ => { while (true) { Thread.Sleep(100); } }, null, 0, 1000);
    }
}",
            Verify.Diagnostic("CONC0302").WithLocation(0).WithArguments("new Timer", "Thread.Sleep", "Start", Sleep));

        [Fact]
        public Task Lambda_calling_one_polling_method_is_reported() => Verify.VerifyAsync(Usings + @"
class Worker
{
    private Task? _poll;

    void Start(CancellationToken ct)
    {
        _poll = {|#0:Task.Run|}(() => PollInbox(ct));
        _ = Task.Run(() => Once(ct));
    }

    void PollInbox(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Thread.Sleep(1000);
        }
    }

    void Once(CancellationToken ct) => Thread.Sleep(10);
}",
            Verify.Diagnostic("CONC0302").WithLocation(0).WithArguments("Task.Run", "Thread.Sleep", "Start", Dedicated));

        [Fact]
        public Task Called_method_whose_loops_all_await_is_not_reported_but_an_await_in_a_nested_lambda_hides_no_blocking_loop() => Verify.VerifyAsync(Usings + @"
class Worker
{
    void Start(CancellationToken ct)
    {
        Task.Run(() => DrainAsync(ct));
        {|#0:Task.Run|}(() => Pump(ct));
    }

    async Task DrainAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested) { await Task.Delay(100, ct); }
    }

    void Pump(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Func<Task> later = async () => await Task.Delay(1);
            Thread.Sleep(100);
        }
    }
}",
            Verify.Diagnostic("CONC0302").WithLocation(0).WithArguments("Task.Run", "Thread.Sleep", "Start", Dedicated));

        [Fact]
        public Task Called_method_is_judged_by_its_loop_whatever_its_shape() => Verify.VerifyAsync(Usings + @"
class Worker
{
    private volatile bool _running = true;

    void Start(CancellationToken ct)
    {
        {|#0:Task.Run|}(() => Spin());
        {|#1:Task.Run|}(() => Watch());
        Task.Run(() => Retry(3));
        {|#2:Task.Run|}(() => Spin());
    }

    void Spin()
    {
        for (;;) { Thread.Sleep(100); }
    }

    void Watch()
    {
        for (var tick = 0; _running; tick++) { Thread.Sleep(100); }
    }

    void Retry(int times)
    {
        for (var i = 0; i < times; i++) { Thread.Sleep(100); }
    }
}",
            Verify.Diagnostic("CONC0302").WithLocation(0).WithArguments("Task.Run", "Thread.Sleep", "Start", Dedicated),
            Verify.Diagnostic("CONC0302").WithLocation(1).WithArguments("Task.Run", "Thread.Sleep", "Start", Dedicated),
            Verify.Diagnostic("CONC0302").WithLocation(2).WithArguments("Task.Run", "Thread.Sleep", "Start", Dedicated));

        [Fact]
        public Task Bounded_loops_are_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    void Start(string[] files)
    {
        Task.Run(() => { for (var i = 0; i < 3; i++) { Thread.Sleep(100); } });
        Task.Run(() => { foreach (var file in files) { File.ReadAllText(file); } });
        Task.Run(() => { var attempts = 0; while (attempts < 5) { attempts++; Thread.Sleep(10); } });
    }
}");

        [Fact]
        public Task Loops_that_await_are_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    void Start(CancellationToken ct)
    {
        Task.Run(async () => { while (!ct.IsCancellationRequested) { await Task.Delay(1000, ct); } });
        Task.Run(async () => { using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1)); while (await timer.WaitForNextTickAsync(ct)) { } });
    }
}");

        [Fact]
        public Task Dedicated_threads_and_LongRunning_are_not_reported() => Verify.VerifyAsync(Usings + @"
class C
{
    void Start()
    {
        new Thread(() => { while (true) { Thread.Sleep(100); } }) { IsBackground = true }.Start();
        Task.Factory.StartNew(() => { while (true) { Thread.Sleep(100); } }, TaskCreationOptions.LongRunning);
    }
}");

        [Fact]
        public Task Never_ending_loop_without_blocking_is_not_this_rule() => Verify.VerifyAsync(Usings + @"
class C
{
    private readonly ConcurrentQueue<int> _queue = new ConcurrentQueue<int>();

    void Start()
    {
        Task.Run(() => { while (true) { if (_queue.TryDequeue(out var item)) { Console.WriteLine(item); } else { break; } } });
    }
}");

        [Fact]
        public Task Half_typed_code_does_not_crash() => Verify.VerifyBrokenCodeAsync(Usings + @"
class C
{
    void Start()
    {
        Task.Run(() => { while (true) { Thread.Sleep(
        Task.Run(Missing);
        ThreadPool.QueueUserWorkItem(_ => { while (Unknown) { } });
        new Timer(
    }
");
    }
}
