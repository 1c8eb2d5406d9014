using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.ThreadPlacement.CpuHeavyWorkOnCallerThreadAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.ThreadPlacement
{
    public class CpuHeavyWorkOnCallerThreadAnalyzerTests
    {
        private const string Offload = "offload it with 'await Task.Run(...)'";
        private const string OffloadOrThread = "offload it with 'await Task.Run(...)' or run it on a dedicated thread";

        private static string Code(string body) => Stubs.Usings + body + Stubs.Types;

        /// <summary>A "fake async" method (CPU work, then a completed task) beside a really asynchronous one, in its own document.</summary>
        private const string HasherSource = @"
using System.Security.Cryptography;
using System.Threading.Tasks;

public class Hasher
{
    public Task<int> HashAllAsync(byte[][] blocks)
    {
        var total = 0;
        foreach (var block in blocks)
        {
            total += SHA256.HashData(block)[0];
        }

        return Task.FromResult(total);
    }

    public Task<int> RealAsync(byte[][] blocks) => Task.Run(() => blocks.Length);
}";

        /// <summary>The caller in one file, the awaited method in another.</summary>
        private static async Task VerifyDocumentsAsync(string first, string second, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("/0/Caller.cs", first));
            test.TestState.Sources.Add(("/0/Callee.cs", second));
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(System.Threading.CancellationToken.None);
        }

        [Fact]
        public Task Nested_loops_in_a_controller_action_are_reported() => Verify.VerifyAsync(Code(@"
[ApiController]
public class ReportsController : ControllerBase
{
    public async Task<long> GetCorrelation(int[] xs, int[] ys)
    {
        await Task.Yield();
        long total = 0;
        {|#0:for (var i = 0; i < xs.Length; i++)|}
        {
            for (var j = 0; j < ys.Length; j++)
            {
                total += xs[i] * ys[j];
            }
        }

        return total;
    }
}"),
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "request thread", "GetCorrelation", Offload));

        [Fact]
        public Task Large_constant_loop_in_a_minimal_api_handler_is_reported() => Verify.VerifyAsync(Code(@"
static class Endpoints
{
    public static void Map(App app)
    {
        app.MapGet(""/pi"", async (int seed) =>
        {
            var random = new Random(seed);
            var inside = 0;
            {|#0:for (var i = 0; i < 10_000_000; i++)|}
            {
                var x = random.NextDouble();
                var y = random.NextDouble();
                if (x * x + y * y <= 1) inside++;
            }

            await Task.Yield();
            return 4.0 * inside / 10_000_000;
        });
    }
}"),
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "request thread", "Map", OffloadOrThread));

        [Fact]
        public Task Minimal_api_method_group_handler_is_a_request_handler() => Verify.VerifyAsync(Code(@"
static class Endpoints
{
    public static void Map(App app) => app.MapGet(""/pairs"", Handlers.CountPairs);
}

static class Handlers
{
    public static async Task<int> CountPairs(int[] xs)
    {
        var n = 0;
        {|#0:foreach (var a in xs)|} foreach (var b in xs) if (a + b == 0) n++;
        await Task.Yield();
        return n;
    }

    public static async Task<int> NotMapped(int[] xs)
    {
        var n = 0;
        foreach (var a in xs) foreach (var b in xs) if (a + b == 0) n++;
        await Task.Yield();
        return n;
    }
}"),
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'foreach' loop", "request thread", "CountPairs", Offload));

        [Fact]
        public Task Ui_event_handler_and_lambda_subscribed_to_a_ui_event_are_reported() => Verify.VerifyAsync(Code(@"
public class MainForm : System.Windows.Forms.Form
{
    private readonly System.Windows.Forms.Button _button = new System.Windows.Forms.Button();
    private int[] _pixels = new int[0];

    public MainForm()
    {
        _button.Click += async (s, e) =>
        {
            {|#1:foreach (var p in _pixels)|}
            {
                foreach (var q in _pixels) { _pixels[0] = (p ^ q) >> 1; }
            }

            await Task.Yield();
        };
    }

    private async void OnBlurClick(object sender, EventArgs e)
    {
        {|#0:for (var y = 0; y < _pixels.Length; y++)|}
        {
            for (var x = 0; x < _pixels.Length; x++) { _pixels[x] = (_pixels[x] + _pixels[y]) / 2; }
        }

        await Task.Yield();
    }
}"),
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "UI thread", "OnBlurClick", Offload),
            Verify.Diagnostic("CONC0301").WithLocation(1).WithArguments("CPU-heavy 'foreach' loop", "UI thread", "MainForm", Offload));

        [Fact]
        public Task Stand_in_form_types_count_as_ui() => Verify.VerifyAsync(Code(@"
namespace MyApp.Ui
{
    public class Control { }
    public class Form : Control { }

    public class PrimesForm : Form
    {
        private string _status = """";

        private async void OnPrimesClick(object? sender, EventArgs e)
        {
            var count = 0;
            {|#0:for (var n = 2; n < 20_000_000; n++)|}
            {
                var isPrime = true;
                for (var d = 2; d * d <= n; d++)
                {
                    if (n % d == 0) { isPrime = false; break; }
                }

                if (isPrime) count++;
            }

            _status = count.ToString();
            await Task.Yield();
        }
    }
}"),
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "UI thread", "OnPrimesClick", OffloadOrThread));

        [Fact]
        public Task Async_main_loop_is_startup() => Verify.VerifyAsync(Code(@"
public static class Program
{
    public static async Task Main(string[] args)
    {
        var primes = new List<int>();
        {|#0:for (var n = 2; n < 2_000_000; n++)|}
        {
            var isPrime = true;
            for (var d = 2; d * d <= n; d++) { if (n % d == 0) { isPrime = false; break; } }
            if (isPrime) primes.Add(n);
        }

        await Console.Out.WriteLineAsync(primes.Count.ToString());
    }
}"),
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "startup thread", "Main", OffloadOrThread));

        [Fact]
        public Task Heavy_single_calls_are_reported() => Verify.VerifyAsync(Code(@"
public class AccountController : ControllerBase
{
    public async Task<byte[]> Login(string password, byte[] salt, int[] data)
    {
        var key = {|#0:Rfc2898DeriveBytes.Pbkdf2|}(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
        {|#1:Parallel.For|}(0, data.Length, i => data[i] *= 2);
        var squares = {|#2:data.AsParallel().Select(x => x * x).ToList|}();
        await Task.Yield();
        return key;
    }
}"),
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy call 'Rfc2898DeriveBytes.Pbkdf2'", "request thread", "Login", Offload),
            Verify.Diagnostic("CONC0301").WithLocation(1).WithArguments("CPU-heavy call 'Parallel.For'", "request thread", "Login", Offload),
            Verify.Diagnostic("CONC0301").WithLocation(2).WithArguments("CPU-heavy call 'ParallelEnumerable.ToList'", "request thread", "Login", Offload));

        [Fact]
        public Task Key_derivation_through_an_instance_and_a_lookup_nest_are_reported() => Verify.VerifyAsync(Code(@"
public record Purchase(int ProductId);
public record Customer(int Id, List<Purchase> Purchases);

public class AccountController : ControllerBase
{
    public async Task<byte[]> Hash(string password, byte[] salt)
    {
        using var kdf = new Rfc2898DeriveBytes(password, salt, 310_000, HashAlgorithmName.SHA256);
        var hash = {|#0:kdf.GetBytes|}(32);
        using var weak = new Rfc2898DeriveBytes(password, salt, 1_000, HashAlgorithmName.SHA256);
        var fast = weak.GetBytes(32);
        await Task.Yield();
        return hash;
    }

    public async Task<int> Match(List<Customer> customers, int[] productIds)
    {
        var matches = 0;
        {|#1:foreach (var c in customers)|}
            foreach (var purchase in c.Purchases)
                foreach (var id in productIds)
                    if (id == purchase.ProductId) matches++;
        await Task.Yield();
        return matches;
    }
}"),
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy call 'Rfc2898DeriveBytes.GetBytes'", "request thread", "Hash", Offload),
            Verify.Diagnostic("CONC0301").WithLocation(1).WithArguments("CPU-heavy 'foreach' loop", "request thread", "Match", Offload));

        [Fact]
        public Task Razor_pages_signalr_hubs_and_grpc_services_are_request_handlers() => Verify.VerifyAsync(Code(@"
namespace Microsoft.AspNetCore.Mvc.RazorPages { public abstract class PageModel { } }
namespace Microsoft.AspNetCore.SignalR { public abstract class Hub { } }
namespace Grpc.Core { [AttributeUsage(AttributeTargets.Class)] public sealed class BindServiceMethodAttribute : Attribute { public BindServiceMethodAttribute(Type t, string m) { } } }

public class ReportPage : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    public async Task OnGetAsync(int[] xs)
    {
        long t = 0;
        {|#0:for (var i = 0; i < xs.Length; i++)|} for (var j = 0; j < xs.Length; j++) t += xs[i] * xs[j];
        await Task.Yield();
    }

    public async Task HelperAsync(int[] xs)
    {
        long t = 0;
        for (var i = 0; i < xs.Length; i++) for (var j = 0; j < xs.Length; j++) t += xs[i] * xs[j];
        await Task.Yield();
    }
}

public class GameHub : Microsoft.AspNetCore.SignalR.Hub
{
    public async Task Solve(int[] board)
    {
        var count = 0;
        {|#1:foreach (var a in board)|} foreach (var b in board) if (a + b == 0) count++;
        await Task.Yield();
    }
}

public static class Greeter
{
    [Grpc.Core.BindServiceMethod(typeof(Greeter), ""BindService"")]
    public abstract class GreeterBase
    {
        public virtual Task<int> Score(int[] request) => Task.FromResult(0);
    }
}

public class GreeterService : Greeter.GreeterBase
{
    public override async Task<int> Score(int[] request)
    {
        var score = 0;
        {|#2:foreach (var a in request)|} foreach (var b in request) score += a * b;
        await Task.Yield();
        return score;
    }
}"),
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "request thread", "OnGetAsync", Offload),
            Verify.Diagnostic("CONC0301").WithLocation(1).WithArguments("CPU-heavy 'foreach' loop", "request thread", "Solve", Offload),
            Verify.Diagnostic("CONC0301").WithLocation(2).WithArguments("CPU-heavy 'foreach' loop", "request thread", "Score", Offload));

        [Fact]
        public Task Awaited_fake_async_method_is_reported_at_the_call() => VerifyDocumentsAsync(
            Code(@"
public class HashController : ControllerBase
{
    private readonly Hasher _hasher = new Hasher();

    public async Task<int> Get(byte[][] blocks)
    {
        return await {|#0:_hasher.HashAllAsync|}(blocks);
    }
}"),
            HasherSource,
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments(
                "'HashAllAsync' computes synchronously and returns a completed task, so its CPU-heavy work", "request thread", "Get",
                "offload it with 'await Task.Run(() => HashAllAsync(...))' or make 'HashAllAsync' async with the work in 'Task.Run'"));

        [Fact]
        public Task Fake_async_call_is_found_through_ConfigureAwait_and_a_cast_and_not_when_only_started() => VerifyDocumentsAsync(
            Code(@"
public class HashController : ControllerBase
{
    private readonly Hasher _hasher = new Hasher();

    public async Task<int> Get(byte[][] blocks)
    {
        var a = await {|#0:_hasher.HashAllAsync|}(blocks).ConfigureAwait(false);
        await (Task){|#1:_hasher.HashAllAsync|}(blocks);
        var pending = _hasher.HashAllAsync(blocks);
        var b = await _hasher.HashAllAsync(blocks).ContinueWith(t => t.Result);
        return a + b + await pending;
    }
}"),
            HasherSource,
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments(
                "'HashAllAsync' computes synchronously and returns a completed task, so its CPU-heavy work", "request thread", "Get",
                "offload it with 'await Task.Run(() => HashAllAsync(...))' or make 'HashAllAsync' async with the work in 'Task.Run'"),
            Verify.Diagnostic("CONC0301").WithLocation(1).WithArguments(
                "'HashAllAsync' computes synchronously and returns a completed task, so its CPU-heavy work", "request thread", "Get",
                "offload it with 'await Task.Run(() => HashAllAsync(...))' or make 'HashAllAsync' async with the work in 'Task.Run'"));

        [Fact]
        public Task Mapping_dtos_and_summing_small_lists_are_not_reported() => Verify.VerifyAsync(Code(@"
public record Line(decimal Price, int Quantity, decimal Discount);
public record Order(int Id, string Customer, List<Line> Lines);
public record OrderDto(int Id, string Customer, decimal Total);

public class OrdersController : ControllerBase
{
    public async Task<List<OrderDto>> List(List<Order> orders)
    {
        await Task.Yield();
        var result = new List<OrderDto>();
        foreach (var order in orders)
        {
            decimal total = 0;
            foreach (var line in order.Lines)
            {
                total += line.Price * line.Quantity;
            }

            result.Add(new OrderDto(order.Id, order.Customer.Trim(), total));
        }

        var sum = 0m;
        foreach (var dto in result) { sum += dto.Total; }
        for (var i = 0; i < 100; i++) { sum += i * 2; }
        return result;
    }
}"));

        [Fact]
        public Task Joining_two_small_record_collections_is_not_reported_but_pairwise_work_is() => Verify.VerifyAsync(Code(@"
public record CartItem(string Sku, decimal Price, int Quantity);
public record Discount(string Sku, decimal Amount);

public class CartController : ControllerBase
{
    public async Task<decimal> Price(List<CartItem> items, List<Discount> discounts)
    {
        decimal total = 0;
        foreach (var item in items)
        {
            total += item.Price * item.Quantity;
            foreach (var discount in discounts)
            {
                if (discount.Sku == item.Sku && discount.Amount > 0) total -= discount.Amount * item.Quantity;
            }
        }

        await Task.Yield();
        return total;
    }

    public async Task<int> Conflicts(List<CartItem> items)
    {
        var conflicts = 0;
        {|#0:for (var i = 0; i < items.Count; i++)|}
            for (var j = i + 1; j < items.Count; j++)
                if (items[i].Price == items[j].Price) conflicts++;
        await Task.Yield();
        return conflicts;
    }
}"),
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "request thread", "Conflicts", Offload));

        [Fact]
        public Task Loops_that_await_wait_or_run_elsewhere_are_not_reported() => Verify.VerifyAsync(Code(@"
public class ImportController : ControllerBase
{
    public async Task Import(string[] files, int[] xs, CancellationToken ct)
    {
        foreach (var file in files)
        {
            foreach (var other in files) { var n = file.Length * other.Length; await Task.Delay(n, ct); }
        }

        foreach (var file in files)
        {
            foreach (var line in System.IO.File.ReadAllLines(file)) { var n = line.Length * 2 + xs[0]; }
        }

        await Task.Run(() =>
        {
            for (var i = 0; i < xs.Length; i++) for (var j = 0; j < xs.Length; j++) xs[i] += xs[j];
        }, ct);
    }

    public long Synchronous(int[] xs)
    {
        long t = 0;
        for (var i = 0; i < xs.Length; i++) for (var j = 0; j < xs.Length; j++) t += xs[i] * xs[j];
        return t;
    }

    [NonAction]
    public async Task<long> Helper(int[] xs)
    {
        long t = 0;
        for (var i = 0; i < xs.Length; i++) for (var j = 0; j < xs.Length; j++) t += xs[i] * xs[j];
        await Task.Yield();
        return t;
    }
}"));

        [Fact]
        public Task Library_code_and_hosted_services_are_not_this_rule() => Verify.VerifyAsync(Code(@"
public class MatrixMath
{
    public async Task<long> MultiplyAsync(int[] xs)
    {
        long t = 0;
        for (var i = 0; i < xs.Length; i++) for (var j = 0; j < xs.Length; j++) t += xs[i] * xs[j];
        await Task.Yield();
        return t;
    }
}

public class Warmup : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        long t = 0;
        for (var i = 0; i < 10_000_000; i++) t += i * i;
    }
}"));

        [Fact]
        public Task Ui_code_after_ConfigureAwait_false_is_not_on_the_ui_thread() => Verify.VerifyAsync(Code(@"
public class MainForm : System.Windows.Forms.Form
{
    private async void OnClick(object sender, EventArgs e)
    {
        await Task.Delay(1).ConfigureAwait(false);
        long t = 0;
        for (var i = 0; i < 10_000_000; i++) t += i * i;
    }
}"));

        [Fact]
        public async Task Options_apply_to_the_files_their_section_matches_only()
        {
            // Files with and without a section of their own get different options objects; what one file read
            // must not leak into another.
            const string Action = @"
public class {0}Controller : ControllerBase
{{
    public async Task<long> Get(int[] xs)
    {{
        long t = 0;
        {1}foreach (var x in xs){2} {{ t += x * x + (x >> 1); }}
        await Task.Yield();
        return t;
    }}
}}";
            var test = new Verify.Test();
            test.TestState.Sources.Add(("/0/Plain.cs", Code(string.Format(Action, "Plain", "", ""))));
            test.TestState.Sources.Add(("/0/Strict.cs", Stubs.Usings + string.Format(Action, "Strict", "{|#0:", "|}")));
            test.TestState.Sources.Add(("/0/AlsoPlain.cs", Stubs.Usings + string.Format(Action, "AlsoPlain", "", "")));
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[Strict.cs]\nconcurrency_analyzers.CONC0301.min_cost = 3000\n"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'foreach' loop", "request thread", "Get", Offload));
            await test.RunAsync(System.Threading.CancellationToken.None);
        }

        [Fact]
        public Task Min_cost_option_moves_the_threshold() => Verify.VerifyAsync(Code(@"
public class C : ControllerBase
{
    public async Task<long> Get(int[] xs)
    {
        long t = 0;
        {|#0:foreach (var x in xs)|} { t += x * x + (x >> 1); }
        await Task.Yield();
        return t;
    }
}"), "concurrency_analyzers.CONC0301.min_cost = 3000",
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'foreach' loop", "request thread", "Get", Offload));

        [Fact]
        public Task Just_below_the_default_threshold_is_not_reported() => Verify.VerifyAsync(Code(@"
public class C : ControllerBase
{
    public async Task<long> Get(int[] xs)
    {
        long t = 0;
        foreach (var x in xs) { t += x * x + (x >> 1); }
        for (var i = 0; i < 10_000; i++) { t += i * 2; }
        await Task.Yield();
        return t;
    }
}"));

        [Fact]
        public Task Documented_examples_sit_on_the_documented_side_of_the_default() => Verify.VerifyAsync(Code(@"
public class C : ControllerBase
{
    public async Task<long> Get(int[] xs, string[] emails, byte[][] files, System.Text.RegularExpressions.Regex pattern)
    {
        long t = 0;
        {|#0:for (var i = 0; i < 20_000; i++)|} t += i * 2;
        for (var i = 0; i < 15_000; i++) t += i * 2;
        foreach (var e in emails) if (pattern.IsMatch(e)) t++;
        var hashes = new List<byte[]>();
        {|#1:foreach (var f in files)|} hashes.Add(SHA256.HashData(f));
        await Task.Yield();
        return t;
    }
}"),
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "request thread", "Get", Offload),
            Verify.Diagnostic("CONC0301").WithLocation(1).WithArguments("CPU-heavy 'foreach' loop", "request thread", "Get", Offload));

        [Fact]
        public Task Contexts_option_limits_where_the_rule_looks() => Verify.VerifyAsync(Code(@"
public class C : ControllerBase
{
    public async Task<long> Get(int[] xs)
    {
        long t = 0;
        for (var i = 0; i < xs.Length; i++) for (var j = 0; j < xs.Length; j++) t += xs[i] * xs[j];
        await Task.Yield();
        return t;
    }
}"), "concurrency_analyzers.CONC0301.contexts = ui, startup");

        [Fact]
        public Task Entry_points_option_adds_handlers() => Verify.VerifyAsync(Code(@"
[AttributeUsage(AttributeTargets.Method)] public sealed class QueueHandlerAttribute : Attribute { }

public class Jobs
{
    [QueueHandler]
    public async Task Handle(int[] xs)
    {
        long t = 0;
        {|#0:for (var i = 0; i < xs.Length; i++)|} for (var j = 0; j < xs.Length; j++) t += xs[i] * xs[j];
        await Task.Yield();
    }

    public async Task Process(int[] xs)
    {
        long t = 0;
        {|#1:for (var i = 0; i < xs.Length; i++)|} for (var j = 0; j < xs.Length; j++) t += xs[i] * xs[j];
        await Task.Yield();
    }
}"), "concurrency_analyzers.entry_points = QueueHandler, Jobs.Process",
            Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "request thread", "Handle", Offload),
            Verify.Diagnostic("CONC0301").WithLocation(1).WithArguments("CPU-heavy 'for' loop", "request thread", "Process", Offload));

        [Fact]
        public Task Half_typed_code_does_not_crash() => Verify.VerifyBrokenCodeAsync(Code(@"
public class C : ControllerBase
{
    public async Task<long> Get(int[] xs, Unknown u)
    {
        {|#0:for (var i = 0; i < u.Count; i++)|} for (var j = 0; j < Missing; j++) t += xs[i] * xs[j]
        while (
        await u.ComputeAsync(
        Rfc2898DeriveBytes.Pbkdf2(
    }
"), Verify.Diagnostic("CONC0301").WithLocation(0).WithArguments("CPU-heavy 'for' loop", "request thread", "Get", Offload));
    }
}
