using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.ThreadPlacement;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.ThreadPlacement.CpuHeavyWorkOnCallerThreadAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadPlacement.CpuHeavyWorkOnCallerThreadCodeFixProvider>;
using Keyed = ConcurrencyAnalyzers.Tests.ThreadPlacement.KeyedFix<
    ConcurrencyAnalyzers.ThreadPlacement.CpuHeavyWorkOnCallerThreadAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadPlacement.CpuHeavyWorkOnCallerThreadCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.ThreadPlacement
{
    public class CpuHeavyWorkOnCallerThreadCodeFixTests
    {
        private const string Offload = "offload it with 'await Task.Run(...)'";
        private const string OffloadOrThread = "offload it with 'await Task.Run(...)' or run it on a dedicated thread";

        private static string Code(string body) => Stubs.Usings + body + Stubs.Types;

        [Fact]
        public Task Loop_is_offloaded_keeping_locals_and_forwarding_the_token() => Verify.VerifyFixAsync(Code(@"
public class ReportsController : ControllerBase
{
    public async Task<long> Get(int[] xs, CancellationToken cancellationToken)
    {
        await Task.Delay(1, cancellationToken);
        long total = 0;
        var comparisons = 0;
        // pairwise products
        {|#0:for (var i = 0; i < xs.Length; i++)|}
        {
            for (var j = 0; j < xs.Length; j++)
            {
                total += xs[i] * xs[j];
                comparisons++;
            }
        }

        return total + comparisons;
    }
}"), Code(@"
public class ReportsController : ControllerBase
{
    public async Task<long> Get(int[] xs, CancellationToken cancellationToken)
    {
        await Task.Delay(1, cancellationToken);
        long total = 0;
        var comparisons = 0;
        // pairwise products
        await Task.Run(() =>
        {
            for (var i = 0; i < xs.Length; i++)
            {
                for (var j = 0; j < xs.Length; j++)
                {
                    total += xs[i] * xs[j];
                    comparisons++;
                }
            }
        }, cancellationToken);

        return total + comparisons;
    }
}"), Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "request thread", "Get", Offload));

        [Fact]
        public Task Long_loop_can_run_on_a_dedicated_thread() => Keyed.VerifyAsync(Code(@"
public class MainForm : System.Windows.Forms.Form
{
    private long _result;

    private async void OnSimulateClick(object sender, EventArgs e)
    {
        long acc = 0;
        {|#0:for (var i = 0; i < 50_000_000; i++)|}
        {
            acc = (acc * 31 + i) % 1_000_003;
        }

        _result = acc;
        await Task.Yield();
    }
}"), Code(@"
public class MainForm : System.Windows.Forms.Form
{
    private long _result;

    private async void OnSimulateClick(object sender, EventArgs e)
    {
        long acc = 0;
        await Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < 50_000_000; i++)
            {
                acc = (acc * 31 + i) % 1_000_003;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        _result = acc;
        await Task.Yield();
    }
}"), CpuHeavyWorkOnCallerThreadCodeFixProvider.DedicatedThreadKey,
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "UI thread", "OnSimulateClick", OffloadOrThread));

        [Fact]
        public Task Long_loop_thread_pool_action_is_the_other_key() => Keyed.VerifyAsync(Code(@"
public static class Program
{
    public static async Task Main()
    {
        long acc = 0;
        {|#0:for (var i = 0; i < 50_000_000; i++)|} acc += i % 7;
        await Console.Out.WriteLineAsync(acc.ToString());
    }
}"), Code(@"
public static class Program
{
    public static async Task Main()
    {
        long acc = 0;
        await Task.Run(() => { for (var i = 0; i < 50_000_000; i++) acc += i % 7; });
        await Console.Out.WriteLineAsync(acc.ToString());
    }
}"), CpuHeavyWorkOnCallerThreadCodeFixProvider.ThreadPoolKey,
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "startup thread", "Main", OffloadOrThread));

        [Fact]
        public Task Heavy_calls_and_fake_async_calls_are_wrapped_in_Task_Run() => Verify.VerifyFixAsync(Code(@"
public class AccountController : ControllerBase
{
    public async Task<int> Login(string password, byte[] salt, int[][] blocks, CancellationToken ct)
    {
        var key = {|#0:Rfc2898DeriveBytes.Pbkdf2|}(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
        var score = await {|#1:ScoreAsync|}(blocks).ConfigureAwait(false);
        return key.Length + score;
    }

    private static Task<int> ScoreAsync(int[][] blocks)
    {
        var score = 0;
        foreach (var a in blocks) foreach (var b in blocks) score += a.Length * b.Length;
        return Task.FromResult(score);
    }
}"), Code(@"
public class AccountController : ControllerBase
{
    public async Task<int> Login(string password, byte[] salt, int[][] blocks, CancellationToken ct)
    {
        var key = await Task.Run(() => Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32), ct);
        var score = await Task.Run(() => ScoreAsync(blocks), ct).ConfigureAwait(false);
        return key.Length + score;
    }

    private static Task<int> ScoreAsync(int[][] blocks)
    {
        var score = 0;
        foreach (var a in blocks) foreach (var b in blocks) score += a.Length * b.Length;
        return Task.FromResult(score);
    }
}"),
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy call 'Rfc2898DeriveBytes.Pbkdf2'", "request thread", "Login", Offload),
            Verify.Diagnostic("CONC0301").WithLocation(1).WithArguments(
                "'ScoreAsync' computes synchronously and returns a completed task, so its CPU-heavy work", "request thread", "Login",
                "offload it with 'await Task.Run(() => ScoreAsync(...))' or make 'ScoreAsync' async with the work in 'Task.Run'"));

        [Fact]
        public Task Fix_all_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                Code("public class A : ControllerBase { public async Task<long> Get(int[] xs) { long t = 0; {|#0:foreach (var x in xs)|} foreach (var y in xs) t += x * y; await Task.Yield(); return t; } }"),
                Stubs.Usings + "public class B : ControllerBase { public async Task<long> Get(int[] xs) { long t = 0; {|#1:foreach (var x in xs)|} foreach (var y in xs) t += x * y; await Task.Yield(); return t; } }",
            },
            new[]
            {
                Code("public class A : ControllerBase { public async Task<long> Get(int[] xs) { long t = 0; await Task.Run(() => { foreach (var x in xs) foreach (var y in xs) t += x * y; }); await Task.Yield(); return t; } }"),
                Stubs.Usings + "public class B : ControllerBase { public async Task<long> Get(int[] xs) { long t = 0; await Task.Run(() => { foreach (var x in xs) foreach (var y in xs) t += x * y; }); await Task.Yield(); return t; } }",
            },
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'foreach' loop", "request thread", "Get", Offload),
            Verify.Diagnostic("CONC0301").WithLocation(1).WithArguments("CPU-heavy 'foreach' loop", "request thread", "Get", Offload));

        [Fact]
        public Task No_fix_where_the_loop_cannot_move_into_a_lambda() => Verify.VerifyNoFixAsync(Code(@"
public class C : ControllerBase
{
    public async Task<long> Returns(int[] xs)
    {
        long t = 0;
        {|#0:for (var i = 0; i < xs.Length; i++)|} for (var j = 0; j < xs.Length; j++) { t += xs[i] * xs[j]; if (t < 0) return -1; }
        await Task.Yield();
        return t;
    }

    public async Task<long> UnassignedBefore(int[] xs)
    {
        long t;
        {|#1:while (true)|} { t = 0; for (var i = 0; i < xs.Length; i++) for (var j = 0; j < xs.Length; j++) t += xs[i] * xs[j]; break; }
        await Task.Yield();
        return t;
    }

    public async Task<long> Locked(int[] xs)
    {
        long t = 0;
        lock (this)
        {
            {|#2:for (var i = 0; i < xs.Length; i++)|} for (var j = 0; j < xs.Length; j++) t += xs[i] * xs[j];
        }

        await Task.Yield();
        return t;
    }
}"),
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "request thread", "Returns", Offload),
            Verify.Diagnostic("CONC0301").WithLocation(1).WithArguments("CPU-heavy 'while' loop", "request thread", "UnassignedBefore", OffloadOrThread),
            Verify.Diagnostic("CONC0301").WithLocation(2).WithArguments("CPU-heavy 'for' loop", "request thread", "Locked", Offload));

        [Fact]
        public Task No_fix_for_goto_out_of_the_loop() => Verify.VerifyNoFixAsync(Code(@"
public class C : ControllerBase
{
    public async Task<long> Get(int[] xs)
    {
        long t = 0;
        {|#0:for (var i = 0; i < xs.Length; i++)|} for (var j = 0; j < xs.Length; j++) { t += xs[i] * xs[j]; if (t < 0) goto done; }
        done:
        await Task.Yield();
        return t;
    }
}"), Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "request thread", "Get", Offload));

        [Fact]
        public Task Fake_async_call_alone_is_wrapped() => Verify.VerifyFixAsync(Code(@"
public class C : ControllerBase
{
    public async Task<int> Get(int[][] blocks)
    {
        return await {|#0:ScoreAsync|}(blocks).ConfigureAwait(false);
    }

    private static Task<int> ScoreAsync(int[][] blocks)
    {
        var score = 0;
        foreach (var a in blocks) foreach (var b in blocks) score += a.Length * b.Length;
        return Task.FromResult(score);
    }
}"), Code(@"
public class C : ControllerBase
{
    public async Task<int> Get(int[][] blocks)
    {
        return await Task.Run(() => ScoreAsync(blocks)).ConfigureAwait(false);
    }

    private static Task<int> ScoreAsync(int[][] blocks)
    {
        var score = 0;
        foreach (var a in blocks) foreach (var b in blocks) score += a.Length * b.Length;
        return Task.FromResult(score);
    }
}"), Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments(
                "'ScoreAsync' computes synchronously and returns a completed task, so its CPU-heavy work", "request thread", "Get",
                "offload it with 'await Task.Run(() => ScoreAsync(...))' or make 'ScoreAsync' async with the work in 'Task.Run'"));
    }
}
