using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.ThreadPlacement.BlockingHostedServiceStartAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadPlacement.BlockingHostedServiceStartCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.ThreadPlacement
{
    public class BlockingHostedServiceStartCodeFixTests
    {
        private const string Yield = "start with 'await Task.Yield()' or move the work into 'Task.Run'";
        private const string Move = "move the work into 'Task.Run' or a dedicated thread";

        private static string Code(string body) => Stubs.Usings + body + Stubs.Types;

        [Fact]
        public Task Async_start_path_yields_first() => Verify.VerifyFixAsync(Code(@"
public class Poller : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // warm up
        {|#0:while|} (!stoppingToken.IsCancellationRequested)
        {
            Thread.Sleep(1000);
        }

        await Task.CompletedTask;
    }
}"), Code(@"
public class Poller : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // warm up
        while (!stoppingToken.IsCancellationRequested)
        {
            Thread.Sleep(1000);
        }

        await Task.CompletedTask;
    }
}"), Verify.Diagnostic("CONC0303").WithLocation(0).WithArguments("A never-ending 'while' loop", "ExecuteAsync", Yield));

        [Fact]
        public Task Fix_all_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                Code("public class A : IHostedService { public async Task StartAsync(CancellationToken ct) { {|#0:while|} (!ct.IsCancellationRequested) { Poll(); } await Task.Yield(); } void Poll() { } public Task StopAsync(CancellationToken ct) => Task.CompletedTask; }"),
                Stubs.Usings + "public class B : IHostedService { public async Task StartAsync(CancellationToken ct) { {|#1:while|} (!ct.IsCancellationRequested) { Poll(); } await Task.Yield(); } void Poll() { } public Task StopAsync(CancellationToken ct) => Task.CompletedTask; }",
            },
            new[]
            {
                Code(@"public class A : IHostedService { public async Task StartAsync(CancellationToken ct) { await Task.Yield(); while (!ct.IsCancellationRequested) { Poll(); } await Task.Yield(); } void Poll() { } public Task StopAsync(CancellationToken ct) => Task.CompletedTask; }"),
                Stubs.Usings + @"public class B : IHostedService { public async Task StartAsync(CancellationToken ct) { await Task.Yield(); while (!ct.IsCancellationRequested) { Poll(); } await Task.Yield(); } void Poll() { } public Task StopAsync(CancellationToken ct) => Task.CompletedTask; }",
            },
            Verify.Diagnostic("CONC0303").WithLocation(0).WithArguments("A never-ending 'while' loop", "StartAsync", Yield),
            Verify.Diagnostic("CONC0303").WithLocation(1).WithArguments("A never-ending 'while' loop", "StartAsync", Yield));

        [Fact]
        public Task No_fix_for_a_non_async_start_path() => Verify.VerifyNoFixAsync(Code(@"
public class Indexer : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        {|#0:Thread.Sleep|}(100);
        return Task.CompletedTask;
    }
}"), Verify.Diagnostic("CONC0303").WithLocation(0).WithArguments("'Thread.Sleep'", "ExecuteAsync", Move));
    }
}
