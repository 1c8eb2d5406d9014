using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.AsyncHygiene.DroppedTaskAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.AsyncHygiene
{
    public class DroppedTaskAnalyzerTests
    {
        private const string AwaitIt = "await it";
        private const string DiscardIt = "await it from async code, or assign it to '_' if it is meant to run unobserved";

        [Fact]
        public Task Dropped_tasks_in_async_code_are_reported() => Verify.VerifyAsync(@"
using System;
using System.IO;
using System.Threading.Tasks;

class C
{
    async Task ProcessAsync(Stream stream, Func<Task> callback, C? other)
    {
        {|#0:SaveAsync()|};
        {|#1:stream.FlushAsync().ConfigureAwait(false)|};
        {|#2:Task.Delay(100)|};
        {|#3:callback()|};
        {|#4:stream.DisposeAsync()|};
        {|#5:other?.SaveAsync()|};
        await Task.Yield();
    }

    Task SaveAsync() => Task.CompletedTask;
}",
            Verify.Diagnostic("CONC0404").WithLocation(0).WithArguments("SaveAsync", "method", "ProcessAsync", AwaitIt),
            Verify.Diagnostic("CONC0404").WithLocation(1).WithArguments("FlushAsync", "method", "ProcessAsync", AwaitIt),
            Verify.Diagnostic("CONC0404").WithLocation(2).WithArguments("Delay", "method", "ProcessAsync", AwaitIt),
            Verify.Diagnostic("CONC0404").WithLocation(3).WithArguments("callback", "method", "ProcessAsync", AwaitIt),
            Verify.Diagnostic("CONC0404").WithLocation(4).WithArguments("DisposeAsync", "method", "ProcessAsync", AwaitIt),
            Verify.Diagnostic("CONC0404").WithLocation(5).WithArguments("SaveAsync", "method", "ProcessAsync", AwaitIt));

        [Fact]
        public Task Dropped_tasks_in_synchronous_code_are_reported() => Verify.VerifyAsync(@"
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    public C() { {|#0:WarmUpAsync()|}; }

    void Start()
    {
        {|#1:Task.Run(() => Work())|};
        Action a = () => {|#2:WarmUpAsync()|};
    }

    void Each(List<int> ids) => ids.ForEach(id => {|#3:SendAsync(id)|});

    Task WarmUpAsync() => Task.CompletedTask;
    Task SendAsync(int id) => Task.CompletedTask;
    void Work() { }
}",
            Verify.Diagnostic("CONC0404").WithLocation(0).WithArguments("WarmUpAsync", "constructor", "C", DiscardIt),
            Verify.Diagnostic("CONC0404").WithLocation(1).WithArguments("Run", "method", "Start", DiscardIt),
            Verify.Diagnostic("CONC0404").WithLocation(2).WithArguments("WarmUpAsync", "lambda", "Start", DiscardIt),
            Verify.Diagnostic("CONC0404").WithLocation(3).WithArguments("SendAsync", "method", "Each", DiscardIt));

        [Fact]
        public Task Awaited_stored_discarded_returned_and_passed_tasks_are_not_reported() => Verify.VerifyAsync(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    private Task? _background;
    private readonly TaskCompletionSource<int> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    async Task M(List<Task> pending)
    {
        await SaveAsync();
        var t = SaveAsync();
        _background = Task.Run(() => { });
        _ = SaveAsync();
        pending.Add(SaveAsync());
        var inner = _tcs.Task;
        await t;
    }

    Task N() => SaveAsync();
    Task SaveAsync() => Task.CompletedTask;
}");

        [Fact]
        public Task Non_task_results_are_not_reported() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

class C
{
    void M(Task t)
    {
        t.Wait();
        Compute();
        t.GetAwaiter();
    }

    int Compute() => 1;
}");

        [Fact]
        public Task ContinueWith_error_observers_are_not_reported_but_other_continuations_are() => Verify.VerifyAsync(@"
using System;
using System.Threading.Tasks;

class C
{
    void M(Task work)
    {
        work.ContinueWith(t => Console.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
        work.ContinueWith(t => Console.WriteLine(t.Exception), TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously);
        {|#0:work.ContinueWith(t => Console.WriteLine(""done""))|};
        {|#1:work.ContinueWith(t => Console.WriteLine(""done""), TaskContinuationOptions.OnlyOnRanToCompletion)|};
    }
}",
            Verify.Diagnostic("CONC0404").WithLocation(0).WithArguments("ContinueWith", "method", "M", DiscardIt),
            Verify.Diagnostic("CONC0404").WithLocation(1).WithArguments("ContinueWith", "method", "M", DiscardIt));

        [Fact]
        public Task Tasks_passing_through_generic_APIs_are_not_reported() => Verify.VerifyAsync(@"
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

class C
{
    private Task? _pending;
    private readonly ConcurrentDictionary<int, Task<string>> _cache = new();

    void M()
    {
        Interlocked.Exchange(ref _pending, null);
        _cache.GetOrAdd(1, id => LoadAsync(id));
    }

    Task<string> LoadAsync(int id) => Task.FromResult("""");
}");

        [Fact]
        public Task StartNew_returning_a_task_of_a_task_is_left_to_CONC0403() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

class C
{
    void M()
    {
        Task.Factory.StartNew(async () => await Task.Delay(10));
        Task.Factory.StartNew(async () => await Task.Delay(10), TaskCreationOptions.LongRunning);
    }
}");

        [Fact]
        public Task NSubstitute_received_checks_are_not_reported() => Verify.VerifyAsync(@"
using System;
using System.Threading.Tasks;

namespace NSubstitute
{
    public static class SubstituteExtensions
    {
        public static T Received<T>(this T substitute, int count = 1) => substitute;
        public static T DidNotReceive<T>(this T substitute) => substitute;
    }

    public static class Received
    {
        public static void InOrder(Action calls) => calls();
    }
}

namespace Tests
{
    using NSubstitute;

    public interface IMailer { Task SendAsync(string to); }

    public class OrderTests
    {
        public async Task Sends_mail(IMailer mailer)
        {
            await Task.Yield();
            mailer.Received().SendAsync(""a"");
            mailer.DidNotReceive().SendAsync(""b"");
            Received.InOrder(() => { mailer.SendAsync(""a""); mailer.SendAsync(""c""); });
        }
    }
}");

        [Fact]
        public Task Mock_setups_in_expression_trees_and_NSubstitute_When_are_not_reported() => Verify.VerifyAsync(@"
using System;
using System.Linq.Expressions;
using System.Threading.Tasks;

namespace NSubstitute
{
    public static class SubstituteExtensions
    {
        public static WhenCalled<T> When<T>(this T substitute, Action<T> call) => new WhenCalled<T>();
    }

    public class WhenCalled<T> { public void Do(Action<object> callback) { } }
}

namespace Tests
{
    using NSubstitute;

    public interface IMailer { Task SendAsync(string to); }

    public class Mock<T> { public void Verify(Expression<Action<T>> call) { } }

    public class OrderTests
    {
        public void Verifies(Mock<IMailer> mock, IMailer mailer)
        {
            mock.Verify(m => m.SendAsync(""a""));
            mailer.When(m => m.SendAsync(""b"")).Do(_ => { });
            mailer.When(m => { m.SendAsync(""c""); }).Do(_ => { });
        }
    }
}");

        [Fact]
        public Task Expression_trees_and_void_async_calls_are_not_reported() => Verify.VerifyAsync(@"
using System;
using System.Linq.Expressions;
using System.Threading.Tasks;

class C
{
    Expression<Func<Task>> E() => () => SaveAsync();
    async void Fire() => await SaveAsync();
    void M() { Fire(); }
    Task SaveAsync() => Task.CompletedTask;
}");

        [Fact]
        public Task Methods_listed_in_editorconfig_are_treated_as_fire_and_forget() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

namespace App
{
    class Telemetry { public Task TrackAsync(string name) => Task.CompletedTask; public Task FlushAsync() => Task.CompletedTask; }

    class C
    {
        async Task M(Telemetry telemetry)
        {
            telemetry.TrackAsync(""order"");
            Task.Run(() => { });
            {|#0:telemetry.FlushAsync()|};
            await Task.Yield();
        }
    }
}",
            "concurrency_analyzers.CONC0404.fire_and_forget_methods = App.Telemetry.TrackAsync, Task.Run\n",
            Verify.Diagnostic("CONC0404").WithLocation(0).WithArguments("FlushAsync", "method", "M", AwaitIt));

        [Fact]
        public Task Global_option_applies_to_method_names() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

class C
{
    void M() { Publish(); }
    Task Publish() => Task.CompletedTask;
}",
            "concurrency_analyzers.fire_and_forget_methods = Publish\n");

        [Fact]
        public Task Broken_code_does_not_crash() => Verify.VerifyBrokenCodeAsync(@"
using System.Threading.Tasks;

class C
{
    void M()
    {
        Missing();
        x?.SaveAsync();
        Task.Delay(;
        SaveAsync().;
    }
}");
    
        [Fact]
        public Task Own_task_extensions_and_fire_and_forget_flags_are_not_reported_but_Unwrap_is() => Verify.VerifyAsync(@"
using System;
using System.Threading.Tasks;

enum CommandFlags { None, FireAndForget }

static class TaskExtensions
{
    public static Task ObserveErrors(this Task task) { task.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted); return task; }
}

class C
{
    void Run(Func<Task> loop)
    {
        SendAsync(1).ObserveErrors();
        SendAsync(2, CommandFlags.FireAndForget);
        {|#0:SendAsync(3, CommandFlags.None)|};
        {|#1:Task.Factory.StartNew(loop).Unwrap()|};
    }

    Task SendAsync(int value, CommandFlags flags = CommandFlags.None) => Task.CompletedTask;
}",
            Verify.Diagnostic("CONC0404").WithLocation(0).WithArguments("SendAsync", "method", "Run", DiscardIt),
            Verify.Diagnostic("CONC0404").WithLocation(1).WithArguments("Unwrap", "method", "Run", DiscardIt));
    }
}
