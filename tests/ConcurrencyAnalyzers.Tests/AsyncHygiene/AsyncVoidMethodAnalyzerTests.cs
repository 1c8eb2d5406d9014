using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.AsyncHygiene.AsyncVoidMethodAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.AsyncHygiene
{
    public class AsyncVoidMethodAnalyzerTests
    {
        [Fact]
        public Task Async_void_method_and_local_function_are_reported() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

class C
{
    public async void {|#0:SaveAsync|}(int id) => await Task.Delay(id);

    void M()
    {
        async void {|#1:Local|}() => await Task.Yield();
        Local();
    }

    static async void {|#2:Helper|}<T>(T value) { await Task.Yield(); }
}",
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Method", "SaveAsync"),
            Verify.Diagnostic("CONC0401").WithLocation(1).WithArguments("Local function", "Local"),
            Verify.Diagnostic("CONC0401").WithLocation(2).WithArguments("Method", "Helper"));

        [Fact]
        public Task Method_used_as_a_timer_callback_is_reported() => Verify.VerifyAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    private Timer _timer;
    public C() { _timer = new Timer(OnTick, null, 1000, 1000); }
    private async void {|#0:OnTick|}(object state) => await Task.Delay(1);
}",
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Method", "OnTick"));

        [Fact]
        public Task Event_handler_shape_is_not_reported() => Verify.VerifyAsync(@"
using System;
using System.Threading.Tasks;

class OrderPlacedEventArgs : EventArgs { }

class C
{
    private async void OnClick(object sender, EventArgs e) => await Task.Yield();
    private async void OnPlaced(object? sender, OrderPlacedEventArgs e) => await Task.Yield();
    private async void OnTyped(C sender, OrderPlacedEventArgs e) => await Task.Yield();
}");

        [Fact]
        public Task Method_subscribed_with_plus_equals_is_not_reported() => Verify.VerifyAsync(@"
using System;
using System.Threading.Tasks;

class Publisher { public event Action<int>? Changed; public event EventHandler? Done; }

class C
{
    public C(Publisher p)
    {
        p.Changed += OnChanged;
        p.Done += new EventHandler(OnDone);
    }

    private async void OnChanged(int value) => await Task.Delay(value);
    private async void OnDone(object? s, EventArgs e) => await Task.Yield();
}");

        [Fact]
        public Task Async_partial_void_and_expression_bodied_methods_are_reported_once() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

partial class C
{
    partial void OnLoaded();

    async partial void {|#0:OnLoaded|}() => await Task.Yield();

    async void {|#1:Refresh|}() => await Task.Delay(1);
}",
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Method", "OnLoaded"),
            Verify.Diagnostic("CONC0401").WithLocation(1).WithArguments("Method", "Refresh"));

        [Fact]
        public Task Subscription_in_another_part_of_a_partial_type_exempts_but_a_this_qualified_callback_does_not() => Verify.VerifyAsync(@"
using System;
using System.Threading.Tasks;

class Publisher { public event Action<int>? Changed; }

partial class C
{
    async void OnChanged(int value) => await Task.Delay(value);

    async void {|#0:OnTick|}() => await Task.Yield();

    void Call() { OnTick(); this.OnTick(); }
}

partial class C
{
    void Wire(Publisher p)
    {
        p.Changed += this.OnChanged;
        Action tick = this.OnTick;
    }
}",
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Method", "OnTick"));

        [Fact]
        public Task Local_function_subscribed_to_an_event_is_not_reported_but_one_used_as_a_callback_is() => Verify.VerifyAsync(@"
using System;
using System.Threading;
using System.Threading.Tasks;

class Publisher { public event Action<int>? Changed; }

class C
{
    void M(Publisher p)
    {
        async void OnChanged(int value) => await Task.Delay(value);
        async void {|#0:OnTick|}(object? state) => await Task.Yield();
        p.Changed += OnChanged;
        var timer = new Timer(OnTick, null, 0, 1000);
    }

    void Generic<T>(Publisher p)
    {
        p.Changed += Handle<int>;
    }

    async void Handle<T>(int value) => await Task.Delay(value);
}",
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Local function", "OnTick"));

        [Fact]
        public Task Overrides_and_interface_implementations_are_not_reported_but_the_base_is() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

interface IHandler { void Handle(); }
interface IExplicit { void Run(); }

abstract class Base
{
    public virtual async void {|#0:OnLoaded|}() => await Task.Yield();
}

class Derived : Base, IHandler, IExplicit
{
    public override async void OnLoaded() => await Task.Yield();
    public async void Handle() => await Task.Yield();
    async void IExplicit.Run() => await Task.Yield();
}",
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Method", "OnLoaded"));

        [Fact]
        public Task Task_returning_and_non_async_void_methods_are_not_reported() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

class C
{
    public async Task SaveAsync() => await Task.Yield();
    public void Save() { }
    public async ValueTask<int> CountAsync() { await Task.Yield(); return 1; }
}");

        [Fact]
        public Task Lambdas_are_not_this_rules_business() => Verify.VerifyAsync(@"
using System;
using System.Threading.Tasks;

class C
{
    Action M() => async () => await Task.Yield();
}");

        [Fact]
        public Task Broken_code_does_not_crash() => Verify.VerifyBrokenCodeAsync(@"
using System.Threading.Tasks;

class C : IMissing
{
    public async void Handle(Missing m) { await Task.Yield(); }
    public async void (int x) { }
    void M() { x.Event += Handle; async void {|#0:L|}(
}",
            Verify.Diagnostic("CONC0401").WithLocation(0).WithArguments("Local function", "L"));
    }
}
