using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.SyncOverAsync.BlockingTaskWaitAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SyncOverAsync.MakeAsyncAllTheWayCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.SyncOverAsync
{
    public class MakeAsyncAllTheWayCodeFixTests
    {
        private static DiagnosticResult Wait(int location, string form, string method)
            => Verify.Diagnostic("CONC0102").WithLocation(location).WithArguments(form, "method", method, "make '" + method + "' async and await the task");

        /// <summary>One test: documents of the main project (and optionally a second project referencing it),
        /// diagnostics still expected after the fix, an .editorconfig, and the title of the offered action.</summary>
        private static async Task VerifyAsync(
            string[] sources,
            string[] fixedSources,
            DiagnosticResult[] expected,
            DiagnosticResult[]? remaining = null,
            string? title = null,
            (string[] Sources, string[] Fixed)? app = null,
            string? editorConfig = null,
            OutputKind? outputKind = null)
        {
            var test = new Verify.Test();
            for (var i = 0; i < sources.Length; i++)
            {
                test.TestState.Sources.Add(($"/0/Test{i}.cs", sources[i]));
                test.FixedState.Sources.Add(($"/0/Test{i}.cs", fixedSources[i]));
            }

            if (app is { } second)
            {
                var project = test.TestState.AdditionalProjects["App"];
                project.AdditionalProjectReferences.Add("TestProject");
                var fixedProject = test.FixedState.AdditionalProjects["App"];
                fixedProject.AdditionalProjectReferences.Add("TestProject");
                for (var i = 0; i < second.Sources.Length; i++)
                {
                    project.Sources.Add(($"/App/App{i}.cs", second.Sources[i]));
                    fixedProject.Sources.Add(($"/App/App{i}.cs", second.Fixed[i]));
                }
            }

            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*]\n" + editorConfig));
            }

            if (outputKind != null)
            {
                test.TestState.OutputKind = outputKind;
            }

            if (title != null)
            {
                test.CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title);
            }

            test.ExpectedDiagnostics.AddRange(expected);
            if (remaining != null)
            {
                test.FixedState.ExpectedDiagnostics.AddRange(remaining);
            }

            await test.RunAsync(CancellationToken.None);
        }

        private static Task VerifyNoFixAsync(string source, params DiagnosticResult[] expected) => Verify.VerifyNoFixAsync(source, expected);

        // ---------------- the method itself ----------------

        [Fact]
        public Task Void_method_becomes_async_Task_and_its_waits_await() => Verify.VerifyFixAsync(@"
using System.Threading.Tasks;

public class C
{
    public void Save(Task a, Task<int> b, Task c, Task d)
    {
        {|#0:a.Wait()|}; // flush
        var n = {|#1:b.Result|}.ToString().Length;
        {|#2:Task.WaitAll(c, d)|};
    }
}",
            @"
using System.Threading.Tasks;

public class C
{
    public async Task Save(Task a, Task<int> b, Task c, Task d)
    {
        await a; // flush
        var n = (await b).ToString().Length;
        await Task.WhenAll(c, d);
    }
}",
            Wait(0, ".Wait()", "Save"), Wait(1, ".Result", "Save"), Wait(2, "Task.WaitAll", "Save"));

        [Fact]
        public Task Value_returning_expression_bodied_method_becomes_Task_of_T() => Verify.VerifyFixAsync(@"
using System.Collections.Generic;
using System.Threading.Tasks;

public class C
{
    static Task<List<string>> FetchAsync() => Task.FromResult(new List<string>());

    public static List<string> Load() => {|#0:FetchAsync().GetAwaiter().GetResult()|};
}",
            @"
using System.Collections.Generic;
using System.Threading.Tasks;

public class C
{
    static Task<List<string>> FetchAsync() => Task.FromResult(new List<string>());

    public static async Task<List<string>> Load() => await FetchAsync();
}",
            Wait(0, ".GetAwaiter().GetResult()", "Load"));

        [Fact]
        public Task Waits_in_nested_lambdas_and_local_functions_are_left_alone() => VerifyAsync(new[] { @"
using System;
using System.Threading.Tasks;

public class C
{
    public int Load(Task<int> t, Task<int> u)
    {
        Func<int> f = () => {|#1:u.Result|};
        int Local() => {|#2:u.Result|};
        return {|#0:t.Result|} + f() + Local();
    }
}" },
            new[] { @"
using System;
using System.Threading.Tasks;

public class C
{
    public async Task<int> Load(Task<int> t, Task<int> u)
    {
        Func<int> f = () => {|#1:u.Result|};
        int Local() => {|#2:u.Result|};
        return await t + f() + Local();
    }
}" },
            new[] { Wait(0, ".Result", "Load"), Lambda(1), Local(2) },
            remaining: new[] { Lambda(1), Local(2) });

        private static DiagnosticResult Lambda(int location)
            => Verify.Diagnostic("CONC0102").WithLocation(location).WithArguments(".Result", "lambda", "Load", "make the lambda async and await the task");

        private static DiagnosticResult Local(int location)
            => Verify.Diagnostic("CONC0102").WithLocation(location).WithArguments(".Result", "local function", "Local", "make 'Local' async and await the task");

        [Fact]
        public Task Missing_Task_import_is_added() => Verify.VerifyFixAsync(@"
using System;

public class C
{
    public void Flush(System.Threading.Tasks.Task t)
    {
        {|#0:t.Wait()|};
    }
}",
            @"
using System;
using System.Threading.Tasks;

public class C
{
    public async Task Flush(System.Threading.Tasks.Task t)
    {
        await t;
    }
}",
            Wait(0, ".Wait()", "Flush"));

        // ---------------- the chain ----------------

        [Fact]
        public Task Callers_are_updated_transitively_until_an_async_caller() => Verify.VerifyFixAsync(@"
using System.Threading.Tasks;

public class Config
{
    static Task<string> ReadAsync() => Task.FromResult(""x"");

    public string LoadConfig() => {|#0:ReadAsync().Result|};

    public int Length() => LoadConfig().Length;

    public void Print()
    {
        System.Console.WriteLine(LoadConfig() + Length());
    }

    public async Task RunAsync()
    {
        await Task.Yield();
        Print();
    }
}",
            @"
using System.Threading.Tasks;

public class Config
{
    static Task<string> ReadAsync() => Task.FromResult(""x"");

    public async Task<string> LoadConfig() => await ReadAsync();

    public async Task<int> Length() => (await LoadConfig()).Length;

    public async Task Print()
    {
        System.Console.WriteLine(await LoadConfig() + await Length());
    }

    public async Task RunAsync()
    {
        await Task.Yield();
        await Print();
    }
}",
            Wait(0, ".Result", "LoadConfig"));

        [Fact]
        public Task Chain_across_three_files_says_how_much_changes() => VerifyAsync(
            new[]
            {
                "using System.Threading.Tasks;\npublic class Store\n{\n    static Task<string> ReadAsync() => Task.FromResult(\"x\");\n    public string LoadConfig() => {|#0:ReadAsync().Result|};\n}\n",
                "public class Service\n{\n    public int Size(Store s) => s.LoadConfig().Length;\n    public string Twice(Store s) => s.LoadConfig() + s.LoadConfig();\n}\n",
                "using System.Threading.Tasks;\npublic class Api\n{\n    public async Task<int> GetAsync(Service s, Store st) { await Task.Yield(); return s.Size(st) + s.Twice(st).Length; }\n}\n",
            },
            new[]
            {
                "using System.Threading.Tasks;\npublic class Store\n{\n    static Task<string> ReadAsync() => Task.FromResult(\"x\");\n    public async Task<string> LoadConfig() => await ReadAsync();\n}\n",
                "using System.Threading.Tasks;\n\npublic class Service\n{\n    public async Task<int> Size(Store s) => (await s.LoadConfig()).Length;\n    public async Task<string> Twice(Store s) => await s.LoadConfig() + await s.LoadConfig();\n}\n",
                "using System.Threading.Tasks;\npublic class Api\n{\n    public async Task<int> GetAsync(Service s, Store st) { await Task.Yield(); return await s.Size(st) + (await s.Twice(st)).Length; }\n}\n",
            },
            new[] { Wait(0, ".Result", "LoadConfig") },
            title: "Make 'LoadConfig' async and update 5 callers in 3 files");

        [Fact]
        public Task Chain_crosses_into_a_referencing_project() => VerifyAsync(
            new[] { "using System.Threading.Tasks;\npublic class Store\n{\n    public void Flush(Task t) { {|#0:t.Wait()|}; }\n}\n" },
            new[] { "using System.Threading.Tasks;\npublic class Store\n{\n    public async Task Flush(Task t) { await t; }\n}\n" },
            new[] { Wait(0, ".Wait()", "Flush") },
            title: "Make 'Flush' async and update 1 caller in 2 files",
            app: (
                new[] { "using System.Threading.Tasks;\npublic class Checkout\n{\n    public async Task DoneAsync(Store s) { await Task.Yield(); s.Flush(Task.CompletedTask); }\n}\n" },
                new[] { "using System.Threading.Tasks;\npublic class Checkout\n{\n    public async Task DoneAsync(Store s) { await Task.Yield(); await s.Flush(Task.CompletedTask); }\n}\n" }));

        [Fact]
        public Task Recursive_method_awaits_itself() => Verify.VerifyFixAsync(@"
using System.Threading.Tasks;

public class C
{
    public int Depth(Task<int> t, int n) => n == 0 ? {|#0:t.Result|} : Depth(t, n - 1) + 1;
}",
            @"
using System.Threading.Tasks;

public class C
{
    public async Task<int> Depth(Task<int> t, int n) => n == 0 ? await t : await Depth(t, n - 1) + 1;
}",
            Wait(0, ".Result", "Depth"));

        [Fact]
        public Task Caller_in_an_async_lambda_just_awaits() => Verify.VerifyFixAsync(@"
using System;
using System.Threading.Tasks;

public class C
{
    public void Flush(Task t) => {|#0:t.Wait()|};

    public Func<Task> Later(Task t) => async () => { await Task.Yield(); Flush(t); };
}",
            @"
using System;
using System.Threading.Tasks;

public class C
{
    public async Task Flush(Task t) => await t;

    public Func<Task> Later(Task t) => async () => { await Task.Yield(); await Flush(t); };
}",
            Wait(0, ".Wait()", "Flush"));

        // ---------------- boundaries ----------------

        [Fact]
        public Task Main_becomes_async_Task_Main() => Verify.VerifyFixAsync(@"
using System.Threading.Tasks;

public static class Program
{
    static void Run(Task t) { {|#0:t.Wait()|}; }

    static int Main(string[] args)
    {
        Run(Task.CompletedTask);
        return 0;
    }
}",
            @"
using System.Threading.Tasks;

public static class Program
{
    static async Task Run(Task t) { await t; }

    static async Task<int> Main(string[] args)
    {
        await Run(Task.CompletedTask);
        return 0;
    }
}",
            Wait(0, ".Wait()", "Run"));

        [Fact]
        public Task Event_handler_becomes_async_void_and_its_subscription_stays_while_the_private_helper_gets_the_suffix() => Verify.VerifyFixAsync(@"
using System;
using System.Threading.Tasks;

public class Form
{
    public event EventHandler Click;

    public Form() { Click += OnClick; }

    static Task<string> ReadAsync() => Task.Run(() => ""x"");

    string Load() => {|#0:ReadAsync().ConfigureAwait(false).GetAwaiter().GetResult()|};

    private void OnClick(object sender, EventArgs e)
    {
        Console.WriteLine(Load());
    }
}",
            @"
using System;
using System.Threading.Tasks;

public class Form
{
    public event EventHandler Click;

    public Form() { Click += OnClick; }

    static Task<string> ReadAsync() => Task.Run(() => ""x"");

    async Task<string> LoadAsync() => await ReadAsync().ConfigureAwait(false);

    private async void OnClick(object sender, EventArgs e)
    {
        Console.WriteLine(await LoadAsync());
    }
}",
            Wait(0, ".GetAwaiter().GetResult()", "Load"));

        private const string TestFrameworkStubs = @"
namespace Xunit { public sealed class FactAttribute : System.Attribute { } }
namespace NUnit.Framework { public sealed class TestAttribute : System.Attribute { } }
namespace Microsoft.VisualStudio.TestTools.UnitTesting { public class TestMethodAttribute : System.Attribute { } }
";

        [Fact]
        public Task Test_methods_of_xunit_NUnit_and_MSTest_become_async_Task() => VerifyAsync(
            new[]
            {
                @"
using System.Threading.Tasks;

public class OrderTests
{
    static Task<int> CountAsync() => Task.FromResult(1);

    [Xunit.Fact]
    public void Counts() { var n = {|#0:CountAsync().Result|}; }

    [NUnit.Framework.Test]
    public void Counts_nunit() { var n = Helper(); }

    [Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod]
    public void Counts_mstest() { var n = Helper(); }

    private int Helper() => {|#1:CountAsync().Result|};
}",
                TestFrameworkStubs,
            },
            new[]
            {
                @"
using System.Threading.Tasks;

public class OrderTests
{
    static Task<int> CountAsync() => Task.FromResult(1);

    [Xunit.Fact]
    public async Task Counts() { var n = await CountAsync(); }

    [NUnit.Framework.Test]
    public async Task Counts_nunit() { var n = await HelperAsync(); }

    [Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod]
    public async Task Counts_mstest() { var n = await HelperAsync(); }

    private async Task<int> HelperAsync() => await CountAsync();
}",
                TestFrameworkStubs,
            },
            new[] { Wait(0, ".Result", "Counts"), Wait(1, ".Result", "Helper") });

        private const string MvcStubs = @"
namespace Microsoft.AspNetCore.Mvc
{
    public interface IActionResult { }
    public sealed class OkObjectResult : IActionResult { public OkObjectResult(object value) { } }
    public abstract class ControllerBase { public OkObjectResult Ok(object value) => new OkObjectResult(value); }
}
";

        [Fact]
        public Task Controller_action_returns_Task_of_IActionResult() => VerifyAsync(
            new[]
            {
                @"
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

public class OrdersController : ControllerBase
{
    static Task<string> FindAsync(int id) => Task.FromResult(""order"");

    public IActionResult Get(int id) => Ok({|#0:FindAsync(id).Result|});
}",
                MvcStubs,
            },
            new[]
            {
                @"
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

public class OrdersController : ControllerBase
{
    static Task<string> FindAsync(int id) => Task.FromResult(""order"");

    public async Task<IActionResult> Get(int id) => Ok(await FindAsync(id));
}",
                MvcStubs,
            },
            new[] { Wait(0, ".Result", "Get") });

        [Fact]
        public Task Top_level_statements_just_await() => VerifyAsync(
            new[] { "using System.Threading.Tasks;\nSystem.Console.WriteLine(new Store().Load());\npublic class Store\n{\n    public string Load() => {|#0:Task.Run(() => \"x\").Result|};\n}\n" },
            new[] { "using System.Threading.Tasks;\nSystem.Console.WriteLine(await new Store().Load());\npublic class Store\n{\n    public async Task<string> Load() => await Task.Run(() => \"x\");\n}\n" },
            new[] { Wait(0, ".Result", "Load") },
            outputKind: OutputKind.ConsoleApplication);

        // ---------------- Async suffix ----------------

        [Fact]
        public Task Non_public_methods_get_the_Async_suffix_when_the_project_uses_it() => Verify.VerifyFixAsync(@"
using System.Threading.Tasks;

public class Orders
{
    public Task<int> CountAsync() => Task.FromResult(1);
    internal Task SaveAsync() => Task.CompletedTask;

    /// <summary>Uses <see cref=""Total""/>.</summary>
    internal int Total() => {|#0:CountAsync().Result|} + 1;

    private int Twice() => Total() * 2;

    public int Report() => Twice() + Total();
}",
            @"
using System.Threading.Tasks;

public class Orders
{
    public Task<int> CountAsync() => Task.FromResult(1);
    internal Task SaveAsync() => Task.CompletedTask;

    /// <summary>Uses <see cref=""TotalAsync""/>.</summary>
    internal async Task<int> TotalAsync() => await CountAsync() + 1;

    private async Task<int> TwiceAsync() => await TotalAsync() * 2;

    public async Task<int> Report() => await TwiceAsync() + await TotalAsync();
}",
            Wait(0, ".Result", "Total"));

        [Fact]
        public Task No_suffix_without_the_convention_or_when_nameof_or_a_clash_would_break() => Verify.VerifyFixAsync(@"
using System.Threading.Tasks;

public class Orders
{
    public Task<int> CountAsync() => Task.FromResult(1);
    public Task<int> Fetch() => Task.FromResult(1);
    public Task<int> Load() => Task.FromResult(1);

    private int Total() => {|#0:CountAsync().Result|};
    private string Name() => nameof(Total);
}",
            @"
using System.Threading.Tasks;

public class Orders
{
    public Task<int> CountAsync() => Task.FromResult(1);
    public Task<int> Fetch() => Task.FromResult(1);
    public Task<int> Load() => Task.FromResult(1);

    private async Task<int> Total() => await CountAsync();
    private string Name() => nameof(Total);
}",
            Wait(0, ".Result", "Total"));

        [Fact]
        public Task Existing_member_with_the_suffixed_name_blocks_the_rename() => Verify.VerifyFixAsync(@"
using System.Threading.Tasks;

public class Orders
{
    private Task<int> TotalAsync() => Task.FromResult(1);
    private int Total() => {|#0:TotalAsync().Result|};
}",
            @"
using System.Threading.Tasks;

public class Orders
{
    private Task<int> TotalAsync() => Task.FromResult(1);
    private async Task<int> Total() => await TotalAsync();
}",
            Wait(0, ".Result", "Total"));

        // ---------------- FixAll ----------------

        [Fact]
        public Task FixAll_unions_chains_that_share_callers_across_documents() => VerifyAsync(
            new[]
            {
                "using System.Threading.Tasks;\npublic class A\n{\n    public int One(Task<int> t) => {|#0:t.Result|};\n    public int Two(Task<int> t) { return {|#1:t.Result|} + One(t); }\n}\n",
                "using System.Threading.Tasks;\npublic class B\n{\n    public int Both(A a, Task<int> t) => a.One(t) + a.Two(t);\n    public void Flush(Task t) { {|#2:t.Wait()|}; }\n    public void Run(A a, Task<int> t) { Flush(t); Both(a, t); }\n}\n",
            },
            new[]
            {
                "using System.Threading.Tasks;\npublic class A\n{\n    public async Task<int> One(Task<int> t) => await t;\n    public async Task<int> Two(Task<int> t) { return await t + await One(t); }\n}\n",
                "using System.Threading.Tasks;\npublic class B\n{\n    public async Task<int> Both(A a, Task<int> t) => await a.One(t) + await a.Two(t);\n    public async Task Flush(Task t) { await t; }\n    public async Task Run(A a, Task<int> t) { await Flush(t); await Both(a, t); }\n}\n",
            },
            new[] { Wait(0, ".Result", "One"), Wait(1, ".Result", "Two"), Wait(2, ".Wait()", "Flush") });

        // ---------------- no fix ----------------

        [Fact]
        public Task No_fix_in_constructors_properties_and_lambdas() => VerifyNoFixAsync(@"
using System;
using System.Threading.Tasks;

public class Repo
{
    static Task<string> FetchAsync() => Task.FromResult("""");
    private readonly string _config;

    public Repo() { _config = {|#0:FetchAsync().Result|}; }

    public string Name => {|#1:FetchAsync().GetAwaiter().GetResult()|};

    public Func<string> Later => () => {|#2:FetchAsync().Result|};

    ~Repo() { {|#3:FetchAsync().Wait()|}; }
}",
            Verify.Diagnostic("CONC0102").WithLocation(0).WithArguments(".Result", "constructor", "Repo", "move the asynchronous work into an async factory method"),
            Verify.Diagnostic("CONC0102").WithLocation(1).WithArguments(".GetAwaiter().GetResult()", "property", "Name", "expose an async method instead of the property"),
            Verify.Diagnostic("CONC0102").WithLocation(2).WithArguments(".Result", "lambda", "Later", "make the lambda async and await the task"),
            Verify.Diagnostic("CONC0102").WithLocation(3).WithArguments(".Wait()", "method", "Finalize", "make 'Finalize' async and await the task"));

        [Theory]
        [InlineData("public Repo() { var s = Load(); }", "constructor")]
        [InlineData("public string Name => Load();", "property")]
        [InlineData("public static Repo operator +(Repo a, Repo b) { a.Load(); return a; }", "operator")]
        [InlineData("public System.Func<string> F() => Load;", "method group")]
        [InlineData("public System.Func<string> F() => () => Load();", "non-async lambda")]
        [InlineData("public string F() { string Local() => Load(); return Local(); }", "local function")]
        [InlineData("private readonly object _gate = new object(); public void F() { lock (_gate) { Load(); } }", "lock body")]
        [InlineData("public int F(int[] xs) => (from x in xs where Load().Length > x select x).Count();", "query clause")]
        [InlineData("public int F(Repo r) => r?.Load().Length ?? 0;", "conditional access")]
        [InlineData("public string Field = new Repo().Load();", "field initializer")]
        [InlineData("public System.Collections.Generic.IEnumerable<string> F() { yield return Load(); }", "iterator")]
        [InlineData("public void F(out string s) { s = Load(); }", "out parameter")]
        [InlineData("public override string ToString() => Load();", "override of a member from metadata")]
        [InlineData("public Task<string> F() { Load(); return Task.FromResult(\"\"); }", "Task-returning synchronous caller")]
        [InlineData("public int F() { System.Span<int> s = stackalloc int[2]; return Load().Length + s.Length; }", "stackalloc and span local")]
        [InlineData("public unsafe int F() { return Load().Length; }", "unsafe method")]
        [InlineData("private readonly object _gate = new object(); public void F() { System.Threading.Monitor.Enter(_gate); try { Load(); } finally { System.Threading.Monitor.Exit(_gate); } }", "Monitor is thread-affine")]
        [InlineData("private readonly System.Threading.ReaderWriterLockSlim _rw = new(); public void F() { _rw.EnterReadLock(); Load(); _rw.ExitReadLock(); }", "ReaderWriterLockSlim is thread-affine")]
        [InlineData("public void F(object sender, System.EventArgs e) { Load(); } public void G() { F(null, System.EventArgs.Empty); }", "event handler called directly")]
        public Task No_fix_when_a_caller_cannot_become_async(string caller, string because)
        {
            Assert.NotNull(because);
            var source = @"
using System.Linq;
using System.Threading.Tasks;

public class Repo
{
    static Task<string> FetchAsync() => Task.FromResult("""");

    public string Load() => {|#0:FetchAsync().Result|};

    " + caller + @"
}";
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.SolutionTransforms.Add((solution, projectId) =>
                solution.WithProjectCompilationOptions(projectId, ((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithAllowUnsafe(true)));
            test.ExpectedDiagnostics.Add(Wait(0, ".Result", "Load"));
            return test.RunAsync(CancellationToken.None);
        }

        [Theory]
        [InlineData("public override string ToString() => {|#0:FetchAsync().Result|};", "", "override of a member from metadata")]
        [InlineData("public void Dispose() { {|#0:FetchAsync().Wait()|}; }", " : IDisposable", "implements an interface from metadata")]
        [InlineData("public ref int Slot() { var x = {|#0:FetchAsync().Result|}; return ref _slots[0]; }", "", "ref return")]
        [InlineData("public Task Save() { var x = {|#0:FetchAsync().Result|}; return Task.CompletedTask; }", "", "already returns a task")]
        [InlineData("public void Save() { lock (_slots) { var x = {|#0:FetchAsync().Result|}; } }", "", "wait inside lock")]
        [InlineData("public void Save(ref int n) { n = {|#0:FetchAsync().Result|}.Length; }", "", "ref parameter")]
        [InlineData("public partial void Save(); public partial void Save() { var x = {|#0:FetchAsync().Result|}; }", "", "partial")]
        public Task No_fix_when_the_method_itself_cannot_become_async(string method, string bases, string because)
        {
            Assert.NotNull(because);
            var source = @"
using System;
using System.Threading.Tasks;

public interface INamed { string Name(); }

public partial class Repo" + bases + @"
{
    private readonly int[] _slots = new int[1];
    static Task<string> FetchAsync() => Task.Run(() => """");

    " + method + @"
}";
            var name = method.Contains("INamed.Name") ? "INamed.Name" : System.Text.RegularExpressions.Regex.Match(method, @"(\w+)\((ref int n)?\) [{=]").Groups[1].Value;
            var wait = method.Contains("Wait()")
                ? Verify.Diagnostic("CONC0102").WithLocation(0).WithArguments(".Wait()", "method", name, "implement IAsyncDisposable and await the task in DisposeAsync")
                : Wait(0, ".Result", name);
            return VerifyNoFixAsync(source, wait);
        }

        [Fact]
        public Task No_fix_for_an_instance_method_of_a_struct() => VerifyNoFixAsync(@"
using System.Threading.Tasks;

public struct Counter
{
    private int _n;
    public int Next(Task<int> t) { _n++; return _n + {|#0:t.Result|}; }
}",
            Wait(0, ".Result", "Next"));

        [Fact]
        public Task No_fix_when_the_chain_is_longer_than_max_chain() => VerifyAsync(
            new[] { "using System.Threading.Tasks;\npublic class C\n{\n    public void A(Task t) { {|#0:t.Wait()|}; }\n    public void B(Task t) { A(t); }\n    public void D(Task t) { B(t); }\n}\n" },
            new[] { "using System.Threading.Tasks;\npublic class C\n{\n    public void A(Task t) { {|#0:t.Wait()|}; }\n    public void B(Task t) { A(t); }\n    public void D(Task t) { B(t); }\n}\n" },
            new[] { Wait(0, ".Wait()", "A") },
            remaining: new[] { Wait(0, ".Wait()", "A") },
            editorConfig: "concurrency_analyzers.CONC0102.max_chain = 2\n");

        [Fact]
        public Task A_chain_within_max_chain_is_offered() => VerifyAsync(
            new[] { "using System.Threading.Tasks;\npublic class C\n{\n    public void A(Task t) { {|#0:t.Wait()|}; }\n    public void B(Task t) { A(t); }\n}\n" },
            new[] { "using System.Threading.Tasks;\npublic class C\n{\n    public async Task A(Task t) { await t; }\n    public async Task B(Task t) { await A(t); }\n}\n" },
            new[] { Wait(0, ".Wait()", "A") },
            editorConfig: "concurrency_analyzers.CONC0102.max_chain = 2\n");

        [Fact]
        public Task A_Task_type_of_your_own_makes_the_fix_spell_out_System_Threading_Tasks() => Verify.VerifyFixAsync(@"
namespace Todo
{
    public sealed class Task { public string Title = """"; }

    public class Board
    {
        static System.Threading.Tasks.Task<Task> NextAsync() => System.Threading.Tasks.Task.Run(() => new Task());

        public Task Next() => {|#0:NextAsync().Result|};
    }
}",
            @"
namespace Todo
{
    public sealed class Task { public string Title = """"; }

    public class Board
    {
        static System.Threading.Tasks.Task<Task> NextAsync() => System.Threading.Tasks.Task.Run(() => new Task());

        public async System.Threading.Tasks.Task<Task> Next() => await NextAsync();
    }
}",
            Wait(0, ".Result", "Next"));

        [Fact]
        public Task Wait_with_a_token_becomes_WaitAsync_with_the_token() => Verify.VerifyFixAsync(@"
using System.Threading;
using System.Threading.Tasks;

public class C
{
    public void Flush(Task t, CancellationToken ct)
    {
        {|#0:t.Wait(ct)|};
    }
}",
            @"
using System.Threading;
using System.Threading.Tasks;

public class C
{
    public async Task Flush(Task t, CancellationToken ct)
    {
        await t.WaitAsync(ct);
    }
}",
            Wait(0, ".Wait()", "Flush"));

        [Fact]
        public Task FixAll_fixes_the_chains_it_can_and_leaves_the_refused_ones() => VerifyAsync(
            new[] { "using System;\nusing System.Threading.Tasks;\npublic class C\n{\n    public int Bound(Task<int> t) => {|#0:t.Result|};\n    public Func<Task<int>, int> Group() => Bound;\n    public int Free(Task<int> t) => {|#1:t.Result|};\n    public int Caller(Task<int> t) => Free(t) + 1;\n}\n" },
            new[] { "using System;\nusing System.Threading.Tasks;\npublic class C\n{\n    public int Bound(Task<int> t) => {|#0:t.Result|};\n    public Func<Task<int>, int> Group() => Bound;\n    public async Task<int> Free(Task<int> t) => await t;\n    public async Task<int> Caller(Task<int> t) => await Free(t) + 1;\n}\n" },
            new[] { Wait(0, ".Result", "Bound"), Wait(1, ".Result", "Free") },
            remaining: new[] { Wait(0, ".Result", "Bound") });

        // ---------------- families ----------------

        [Fact]
        public Task Interface_and_all_its_implementations_change_together() => VerifyAsync(
            new[]
            {
                "public interface IOrderStore\n{\n    string Load(int id);\n    void Flush();\n}\n",
                "using System.Threading.Tasks;\npublic class SqlStore : IOrderStore\n{\n    static Task<string> QueryAsync(int id) => Task.Run(() => id.ToString());\n    public string Load(int id) => {|#0:QueryAsync(id).Result|};\n    void IOrderStore.Flush() { {|#1:Task.Run(() => { }).Wait()|}; }\n}\n",
                "public class MemoryStore : IOrderStore\n{\n    private int _flushes;\n    public string Load(int id)\n    {\n        if (id < 0)\n        {\n            return null;\n        }\n\n        return id.ToString();\n    }\n\n    public void Flush()\n    {\n        _flushes++;\n    }\n}\n",
                "using System.Threading.Tasks;\npublic class Checkout\n{\n    public async Task<string> RunAsync(IOrderStore store, MemoryStore memory)\n    {\n        await Task.Yield();\n        store.Flush();\n        return store.Load(1) + memory.Load(2);\n    }\n}\n",
            },
            new[]
            {
                "using System.Threading.Tasks;\n\npublic interface IOrderStore\n{\n    Task<string> Load(int id);\n    Task Flush();\n}\n",
                "using System.Threading.Tasks;\npublic class SqlStore : IOrderStore\n{\n    static Task<string> QueryAsync(int id) => Task.Run(() => id.ToString());\n    public async Task<string> Load(int id) => await QueryAsync(id);\n    async Task IOrderStore.Flush() { await Task.Run(() => { }); }\n}\n",
                "using System.Threading.Tasks;\n\npublic class MemoryStore : IOrderStore\n{\n    private int _flushes;\n    public Task<string> Load(int id)\n    {\n        if (id < 0)\n        {\n            return Task.FromResult<string>(null);\n        }\n\n        return Task.FromResult<string>(id.ToString());\n    }\n\n    public Task Flush()\n    {\n        _flushes++;\n        return Task.CompletedTask;\n    }\n}\n",
                "using System.Threading.Tasks;\npublic class Checkout\n{\n    public async Task<string> RunAsync(IOrderStore store, MemoryStore memory)\n    {\n        await Task.Yield();\n        await store.Flush();\n        return await store.Load(1) + await memory.Load(2);\n    }\n}\n",
            },
            new[]
            {
                Wait(0, ".Result", "Load"),
                Verify.Diagnostic("CONC0102").WithLocation(1).WithArguments(".Wait()", "method", "IOrderStore.Flush", "make 'IOrderStore.Flush' async and await the task"),
            });

        [Fact]
        public Task Virtual_member_its_overrides_and_base_calls_change_together() => Verify.VerifyFixAsync(@"
using System.Threading.Tasks;

public abstract class Pricing
{
    public abstract decimal Discount(Task<decimal> rate);
    public virtual decimal Price(Task<decimal> rate) => 10m - Discount(rate);
}

public class Seasonal : Pricing
{
    public override decimal Discount(Task<decimal> rate) => {|#0:rate.Result|};
    public override decimal Price(Task<decimal> rate) => base.Price(rate) * 2;
}

public class Flat : Pricing
{
    public override decimal Discount(Task<decimal> rate) => throw new System.NotSupportedException();
}",
            @"
using System.Threading.Tasks;

public abstract class Pricing
{
    public abstract Task<decimal> Discount(Task<decimal> rate);
    public virtual async Task<decimal> Price(Task<decimal> rate) => 10m - await Discount(rate);
}

public class Seasonal : Pricing
{
    public override async Task<decimal> Discount(Task<decimal> rate) => await rate;
    public override async Task<decimal> Price(Task<decimal> rate) => await base.Price(rate) * 2;
}

public class Flat : Pricing
{
    public override Task<decimal> Discount(Task<decimal> rate) => throw new System.NotSupportedException();
}",
            Wait(0, ".Result", "Discount"));

        [Fact]
        public Task No_fix_when_a_relative_in_the_family_cannot_become_async() => VerifyNoFixAsync(@"
using System.Threading.Tasks;

public interface ICounter { int Next(Task<int> t); }

public class Remote : ICounter
{
    public int Next(Task<int> t) => {|#0:t.Result|};
}

public struct Local : ICounter
{
    private int _n;
    public int Next(Task<int> t) => ++_n;
}",
            Wait(0, ".Result", "Next"));

        [Fact]
        public async Task FixAll_plans_on_the_original_code_so_it_also_fixes_what_one_by_one_refuses()
        {
            const string source = @"
using System.Threading.Tasks;

public interface IPrice { int Get(Task<int> t); }

public class Remote : IPrice
{
    public int Get(Task<int> t) => {|#0:t.Result|};
}

public class Cached : IPrice
{
    public int Get(Task<int> t) => Helper(t) + 1;
    private static int Helper(Task<int> t) => {|#1:t.Result|};
}";
            var test = new Verify.Test
            {
                TestCode = source,

                // One by one: after the first fix Cached.Get returns Task.FromResult and is not async, so
                // Helper's chain stops there and is refused (never a new blocking wait).
                FixedCode = @"
using System.Threading.Tasks;

public interface IPrice { Task<int> Get(Task<int> t); }

public class Remote : IPrice
{
    public async Task<int> Get(Task<int> t) => await t;
}

public class Cached : IPrice
{
    public Task<int> Get(Task<int> t) => Task.FromResult<int>(Helper(t) + 1);
    private static int Helper(Task<int> t) => {|#1:t.Result|};
}",
                BatchFixedCode = @"
using System.Threading.Tasks;

public interface IPrice { Task<int> Get(Task<int> t); }

public class Remote : IPrice
{
    public async Task<int> Get(Task<int> t) => await t;
}

public class Cached : IPrice
{
    public async Task<int> Get(Task<int> t) => await Helper(t) + 1;
    private static async Task<int> Helper(Task<int> t) => await t;
}",
            };
            test.ExpectedDiagnostics.Add(Wait(0, ".Result", "Get"));
            test.ExpectedDiagnostics.Add(Wait(1, ".Result", "Helper"));
            test.FixedState.ExpectedDiagnostics.Add(Wait(1, ".Result", "Helper"));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task File_without_usings_gets_the_Task_import_at_the_top() => VerifyAsync(
            new[] { "// Order data access.\nnamespace Shop\n{\n    public class Repo\n    {\n        public void Flush(System.Threading.Tasks.Task t) { {|#0:t.Wait()|}; }\n    }\n}\n" },
            new[] { "// Order data access.\nusing System.Threading.Tasks;\n\nnamespace Shop\n{\n    public class Repo\n    {\n        public async Task Flush(System.Threading.Tasks.Task t) { await t; }\n    }\n}\n" },
            new[] { Wait(0, ".Wait()", "Flush") });

        private const string MinimalApiStubs = @"
namespace Microsoft.AspNetCore.Builder
{
    public sealed class WebApplication
    {
        public void MapGet(string pattern, System.Delegate handler) { }
        public void Use(System.Func<object, System.Func<System.Threading.Tasks.Task>, System.Threading.Tasks.Task> middleware) { }
    }
}
";

        [Fact]
        public Task Minimal_API_handler_lambda_becomes_async() => VerifyAsync(
            new[]
            {
                @"
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;

public class Orders
{
    public Task<string> FindAsync(int id) => Task.Run(() => ""order"");
    public string Summary(int id) => {|#0:FindAsync(id).GetAwaiter().GetResult()|};

    public void Map(WebApplication app)
    {
        app.MapGet(""/orders/{id}/summary"", (int id, Orders orders) => orders.Summary(id));
        app.MapGet(""/orders/{id}"", (int id, Orders orders) => {|#1:orders.FindAsync(id).Result|});
    }
}",
                MinimalApiStubs,
            },
            new[]
            {
                @"
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;

public class Orders
{
    public Task<string> FindAsync(int id) => Task.Run(() => ""order"");
    public async Task<string> Summary(int id) => await FindAsync(id);

    public void Map(WebApplication app)
    {
        app.MapGet(""/orders/{id}/summary"", async (int id, Orders orders) => await orders.Summary(id));
        app.MapGet(""/orders/{id}"", async (int id, Orders orders) => await orders.FindAsync(id));
    }
}",
                MinimalApiStubs,
            },
            new[]
            {
                Wait(0, ".GetAwaiter().GetResult()", "Summary"),
                Verify.Diagnostic("CONC0102").WithLocation(1).WithArguments(".Result", "lambda", "Map", "make the lambda async and await the task"),
            });

        [Fact]
        public Task No_fix_through_a_lambda_of_a_specific_delegate_type_even_in_ASP_NET_Core() => VerifyAsync(
            new[]
            {
                @"
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;

public class Orders
{
    public Task<string> FindAsync(int id) => Task.Run(() => ""order"");
    public string Summary(int id) => {|#0:FindAsync(id).GetAwaiter().GetResult()|};

    public void Map(WebApplication app)
    {
        app.Use((context, next) => { Summary(1); return next(); });
    }
}",
                MinimalApiStubs,
            },
            new[]
            {
                @"
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;

public class Orders
{
    public Task<string> FindAsync(int id) => Task.Run(() => ""order"");
    public string Summary(int id) => {|#0:FindAsync(id).GetAwaiter().GetResult()|};

    public void Map(WebApplication app)
    {
        app.Use((context, next) => { Summary(1); return next(); });
    }
}",
                MinimalApiStubs,
            },
            new[] { Wait(0, ".GetAwaiter().GetResult()", "Summary") },
            remaining: new[] { Wait(0, ".GetAwaiter().GetResult()", "Summary") });
    }
}
