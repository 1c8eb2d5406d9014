using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.ThreadPlacement.BlockingHostedServiceStartAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.ThreadPlacement
{
    public class BlockingHostedServiceStartAnalyzerTests
    {
        private const string Yield = "start with 'await Task.Yield()' or move the work into 'Task.Run'";
        private const string Move = "move the work into 'Task.Run' or a dedicated thread";

        private static string Code(string body) => Stubs.Usings + body + Stubs.Types;

        [Fact]
        public Task Blocking_and_cpu_work_before_the_first_await_is_reported() => Verify.VerifyAsync(Code(@"
public class CacheWarmer : IHostedService
{
    private readonly int[] _table = new int[64];
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A single blocking call or wait in an async start path is CONC0202 / CONC0101's to report.
        Thread.Sleep(5000);
        {|#0:for|} (var i = 0; i < 5_000_000; i++) _table[i % 64] ^= i * 31;
        await Task.Delay(1, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public class Poller : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        {|#1:while|} (!stoppingToken.IsCancellationRequested)
        {
            Poll();
        }

        await Task.Yield();
    }

    private void Poll() { }
}

public class Indexer : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var table = new long[1000];
        {|#2:for|} (var i = 0; i < 10_000_000; i++) table[i % 1000] += i * 7;
        return Task.CompletedTask;
    }
}

public class Loader : IHostedService
{
    private readonly Task<int> _config = Task.FromResult(1);
    private Task<int> Fetch() => Task.Run(() => 1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var value = Fetch().Result;
        await Task.Yield();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}"),
            Verify.Diagnostic("CONC0303").WithLocation(0).WithArguments("A CPU-heavy 'for' loop", "StartAsync", Yield),
            Verify.Diagnostic("CONC0303").WithLocation(1).WithArguments("A never-ending 'while' loop", "ExecuteAsync", Yield),
            Verify.Diagnostic("CONC0303").WithLocation(2).WithArguments("A CPU-heavy 'for' loop", "ExecuteAsync", Move));

        [Fact]
        public Task Work_after_the_first_await_or_inside_Task_Run_is_not_reported() => Verify.VerifyAsync(Code(@"
public class Worker : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            Thread.Sleep(1000);
        }
    }
}

public class Starter : IHostedService
{
    private Task _loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => { while (!cancellationToken.IsCancellationRequested) { Thread.Sleep(100); } });
        var names = new List<string> { ""a"", ""b"" };
        foreach (var name in names) { Console.WriteLine(name); }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public class TimerLoop : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(1000, stoppingToken);
            Thread.Sleep(10);
        }
    }
}"));

        [Fact]
        public Task Other_methods_of_a_hosted_service_are_not_start_paths() => Verify.VerifyAsync(Code(@"
public class Service : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Thread.Sleep(100);
        return Task.CompletedTask;
    }

    public async Task StartAsync(int other)
    {
        Thread.Sleep(100);
        await Task.Yield();
    }
}"));

        [Fact]
        public Task Half_typed_code_does_not_crash() => Verify.VerifyBrokenCodeAsync(Code(@"
public class Broken : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (Missing) { Unknown(); }
        Thread.Sleep(
    }
"));
    }
}
