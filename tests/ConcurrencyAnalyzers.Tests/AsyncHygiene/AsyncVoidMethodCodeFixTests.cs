using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.AsyncHygiene.AsyncVoidMethodAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.AsyncHygiene.AsyncVoidMethodCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.AsyncHygiene
{
    public class AsyncVoidMethodCodeFixTests
    {
        [Fact]
        public Task Returns_Task_and_updates_calls_in_the_document() => Verify.VerifyFixAsync(@"
using System.Threading.Tasks;

class C
{
    public async void {|#0:SaveAsync|}(int id) => await Task.Delay(id);

    async Task ProcessAsync()
    {
        SaveAsync(1); // first
        this.SaveAsync(2);
        lock (this) { SaveAsync(3); }
    }

    void Process(C? other)
    {
        SaveAsync(4);
        other?.SaveAsync(5);
    }
}",
            @"
using System.Threading.Tasks;

class C
{
    public async Task SaveAsync(int id) => await Task.Delay(id);

    async Task ProcessAsync()
    {
        await SaveAsync(1); // first
        await this.SaveAsync(2);
        lock (this) { _ = SaveAsync(3); }
    }

    void Process(C? other)
    {
        _ = SaveAsync(4);
        _ = other?.SaveAsync(5);
    }
}",
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Method", "SaveAsync"));

        [Fact]
        public Task Local_function_is_fixed_and_a_missing_using_added() => Verify.VerifyFixAsync(@"
class C
{
    void M()
    {
        async void {|#0:Local|}() => await System.Threading.Tasks.Task.Yield();
        Local();
    }
}",
            @"
using System.Threading.Tasks;

class C
{
    void M()
    {
        async Task Local() => await System.Threading.Tasks.Task.Yield();
        _ = Local();
    }
}",
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Local function", "Local"));

        [Fact]
        public Task Virtual_base_with_overrides_gets_no_fix() => Verify.VerifyNoFixAsync(@"
using System.Threading.Tasks;

class Base
{
    public virtual async void {|#0:OnLoaded|}() => await Task.Yield();
}

class Derived : Base
{
    public override async void OnLoaded() => await Task.Delay(1);
}",
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Method", "OnLoaded"));

        [Fact]
        public Task Async_partial_void_is_reported_without_a_fix() => Verify.VerifyNoFixAsync(@"
using System.Threading.Tasks;

partial class View
{
    partial void OnLoaded();

    async partial void {|#0:OnLoaded|}() => await Task.Yield();
}",
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Method", "OnLoaded"));

        [Fact]
        public Task Async_void_Dispose_is_reported_without_a_fix() => Verify.VerifyNoFixAsync(@"
using System;
using System.Threading.Tasks;

class Connection : IDisposable
{
    public async void {|#0:Dispose|}() => await Task.Delay(1);
}",
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Method", "Dispose"));

        [Fact]
        public Task No_fix_when_the_method_is_used_as_a_delegate() => Verify.VerifyNoFixAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    private Timer? _timer;
    public void Start() { _timer = new Timer(OnTick, null, 1000, 1000); }
    private async void {|#0:OnTick|}(object? state) => await Task.Delay(1);
}",
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Method", "OnTick"));

        [Fact]
        public async Task No_fix_when_another_document_uses_the_method_as_a_delegate()
        {
            var handler = "using System.Threading.Tasks;\npublic class Handler { public async void {|#0:OnMessage|}(string message) => await Task.Yield(); }\n";
            var bus = "using System;\npublic class Bus { public void Subscribe(Action<string> handler) { } public void Wire(Handler h) { Subscribe(h.OnMessage); h.OnMessage(nameof(h.OnMessage)); } }\n";
            var test = new Verify.Test();
            test.TestState.Sources.Add(("/0/Test0.cs", handler));
            test.TestState.Sources.Add(("/0/Test1.cs", bus));
            test.FixedState.Sources.Add(("/0/Test0.cs", handler));
            test.FixedState.Sources.Add(("/0/Test1.cs", bus));
            var expected = Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Method", "OnMessage");
            test.ExpectedDiagnostics.Add(expected);
            test.FixedState.ExpectedDiagnostics.Add(expected);
            await test.RunAsync(System.Threading.CancellationToken.None);
        }

        [Fact]
        public Task Calls_and_nameof_in_other_documents_do_not_block_the_fix() => Verify.VerifyFixAsync(
            new[]
            {
                "using System.Threading.Tasks;\npublic class Handler { public async void {|#0:Refresh|}() => await Task.Yield(); }\n",
                "public class User { public string Use(Handler h) { h.Refresh(); return nameof(h.Refresh); } }\n",
            },
            new[]
            {
                "using System.Threading.Tasks;\npublic class Handler { public async Task Refresh() => await Task.Yield(); }\n",
                "public class User { public string Use(Handler h) { h.Refresh(); return nameof(h.Refresh); } }\n",
            },
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Method", "Refresh"));

        [Fact]
        public Task FixAll_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                "using System.Threading.Tasks;\nclass A { public async void {|#0:Run|}() => await Task.Yield(); async void {|#1:Go|}() { Run(); await Task.Yield(); } }\n",
                "using System.Threading.Tasks;\nclass B { async void {|#2:Start|}(A a) { await Task.Yield(); } }\n",
            },
            new[]
            {
                "using System.Threading.Tasks;\nclass A { public async Task Run() => await Task.Yield(); async Task Go() { await Run(); await Task.Yield(); } }\n",
                "using System.Threading.Tasks;\nclass B { async Task Start(A a) { await Task.Yield(); } }\n",
            },
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Method", "Run"),
            Verify.Diagnostic("CONC0401").WithLocation(1).WithArguments("Method", "Go"),
            Verify.Diagnostic("CONC0401").WithLocation(2).WithArguments("Method", "Start"));
    }
}
