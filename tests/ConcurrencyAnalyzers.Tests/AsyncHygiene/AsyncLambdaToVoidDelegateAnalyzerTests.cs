using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.AsyncHygiene.AsyncLambdaToVoidDelegateAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.AsyncHygiene
{
    public class AsyncLambdaToVoidDelegateAnalyzerTests
    {
        [Fact]
        public Task Parallel_list_and_array_ForEach_are_reported() => Verify.VerifyAsync(@"
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    void M(List<int> ids, int[] array)
    {
        Parallel.ForEach(ids, {|#0:async|} id => await Task.Delay(id));
        Parallel.For(0, 10, {|#1:async|} i => await Task.Delay(i));
        Parallel.Invoke({|#2:async|} () => await Task.Yield());
        ids.ForEach({|#3:async|} id => await Task.Delay(id));
        Array.ForEach(array, {|#4:async|} delegate (int id) { await Task.Delay(id); });
    }
}",
            Verify.Diagnostic("CONC0402").WithLocation(0).WithArguments("'Parallel.ForEach'", "await 'Parallel.ForEachAsync' instead"),
            Verify.Diagnostic("CONC0402").WithLocation(1).WithArguments("'Parallel.For'", "await 'Parallel.ForAsync' instead"),
            Verify.Diagnostic("CONC0402").WithLocation(2).WithArguments("'Parallel.Invoke'", "await 'Task.WhenAll' over the async work instead"),
            Verify.Diagnostic("CONC0402").WithLocation(3).WithArguments("'List.ForEach'", "use a 'foreach' loop that awaits each item instead"),
            Verify.Diagnostic("CONC0402").WithLocation(4).WithArguments("'Array.ForEach'", "use a 'foreach' loop that awaits each item instead"));

        [Fact]
        public Task Action_parameters_variables_and_timer_callbacks_are_reported() => Verify.VerifyAsync(@"
using System;
using System.Threading;
using System.Threading.Tasks;

class C
{
    static void Schedule(Action work) => work();

    void M(CancellationToken token)
    {
        Schedule({|#0:async|} () => await Task.Yield());
        token.Register({|#1:async|} () => await Task.Yield());
        Action a = {|#2:async|} () => await Task.Yield();
        var timer = new Timer({|#3:async|} _ => await Task.Yield(), null, 0, 1000);
    }
}",
            Verify.Diagnostic("CONC0402").WithLocation(0).WithArguments("'C.Schedule'", "pass a synchronous delegate, or use an API that accepts 'Func<Task>'"),
            Verify.Diagnostic("CONC0402").WithLocation(1).WithArguments("'CancellationToken.Register'", "pass a synchronous delegate, or use an API that accepts 'Func<Task>'"),
            Verify.Diagnostic("CONC0402").WithLocation(2).WithArguments("'Action'", "use a delegate type that returns 'Task' instead"),
            Verify.Diagnostic("CONC0402").WithLocation(3).WithArguments("'new Timer(...)'", "await a 'PeriodicTimer' in a loop instead"));

        [Fact]
        public Task Non_ui_event_subscription_is_reported() => Verify.VerifyAsync(@"
using System;
using System.Threading.Tasks;

class OrderQueue { public event EventHandler? OrderPlaced; }

class C
{
    void M(OrderQueue queue, System.Timers.Timer timer)
    {
        queue.OrderPlaced += {|#0:async|} (s, e) => await Task.Yield();
        timer.Elapsed += {|#1:async|} (s, e) => await Task.Yield();
    }
}",
            Verify.Diagnostic("CONC0402").WithLocation(0).WithArguments("event 'OrderQueue.OrderPlaced'", "catch every exception inside the handler, or expose an event whose handlers return Task"),
            Verify.Diagnostic("CONC0402").WithLocation(1).WithArguments("event 'Timer.Elapsed'", "catch every exception inside the handler, or expose an event whose handlers return Task"));

        [Fact]
        public Task Ui_event_subscription_is_not_reported() => Verify.VerifyAsync(@"
using System;
using System.Threading.Tasks;

namespace System.Windows.Forms
{
    public class Control { public event EventHandler? Click; }
    public class Button : Control { }
}

namespace App
{
    class SaveButton : System.Windows.Forms.Button { public event EventHandler? Saved; }

    class Form
    {
        void M(System.Windows.Forms.Button button, SaveButton save)
        {
            button.Click += async (s, e) => await Task.Yield();
            button.Click += new EventHandler(async (s, e) => await Task.Yield());
            save.Saved += async (s, e) => await Task.Yield();
        }
    }
}");

        [Fact]
        public Task Stand_in_control_types_named_like_the_ui_frameworks_count_as_ui() => Verify.VerifyAsync(@"
using System;
using System.Threading.Tasks;

namespace MyApp.Ui
{
    public class Control { }
    public class Button : Control { public event EventHandler? Click; }

    class MainForm
    {
        private readonly Button _save = new Button();
        MainForm() { _save.Click += async (s, e) => await Task.Delay(1); }
    }
}");

        [Fact]
        public Task Task_returning_delegates_and_sync_lambdas_are_not_reported() => Verify.VerifyAsync(@"
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    async Task M(List<int> ids)
    {
        await Task.Run(async () => await Task.Yield());
        Func<Task> f = async () => await Task.Yield();
        await Parallel.ForEachAsync(ids, async (id, ct) => await Task.Delay(id, ct));
        ids.ForEach(id => Console.WriteLine(id));
        Action a = () => { };
    }
}");

        [Fact]
        public Task Broken_code_does_not_crash() => Verify.VerifyBrokenCodeAsync(@"
using System.Threading.Tasks;

class C
{
    void M()
    {
        Missing.Run(async () => await Task.Yield());
        x.Event += async (s, e) => await Task.Yield();
        System.Action a = async () => await ;
    }
}");
    }
}
