using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.AsyncHygiene.StartNewWithAsyncDelegateAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.AsyncHygiene.StartNewWithAsyncDelegateCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.AsyncHygiene
{
    public class StartNewWithAsyncDelegateCodeFixTests
    {
        [Fact]
        public Task StartNew_becomes_Task_Run_keeping_delegate_and_token() => Verify.VerifyFixAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task M(CancellationToken ct)
    {
        await {|#0:Task.Factory.StartNew(async () => await Task.Delay(10))|};
        var t = {|#1:Task.Factory.StartNew(async () => { await Task.Delay(10); return 1; }, ct)|};
        {|#2:Task.Factory.StartNew(LoadAsync, ct, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default)|};
        await t;
    }

    Task LoadAsync() => Task.CompletedTask;
}",
            @"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task M(CancellationToken ct)
    {
        await Task.Run(async () => await Task.Delay(10));
        var t = Task.Run(async () => { await Task.Delay(10); return 1; }, ct);
        Task.Run(LoadAsync, ct);
        await t;
    }

    Task LoadAsync() => Task.CompletedTask;
}",
            Verify.Diagnostic("CONC0403").WithLocation(0).WithArguments("Task.Factory.StartNew", "Task.Run"),
            Verify.Diagnostic("CONC0403").WithLocation(1).WithArguments("Task.Factory.StartNew", "Task.Run"),
            Verify.Diagnostic("CONC0403").WithLocation(2).WithArguments("Task.Factory.StartNew", "Task.Run"));

        [Fact]
        public Task Unwrap_when_arguments_do_not_map_onto_Task_Run() => Verify.VerifyFixAsync(@"
using System.Threading.Tasks;

class C
{
    Task M(TaskFactory factory)
    {
        Task first = {|#0:Task.Factory.StartNew(async s => await Task.Delay((int)s!), 5)|};
        return {|#1:factory.StartNew(() => LoadAsync())|};
    }

    Task LoadAsync() => Task.CompletedTask;
}",
            @"
using System.Threading.Tasks;

class C
{
    Task M(TaskFactory factory)
    {
        Task first = Task.Factory.StartNew(async s => await Task.Delay((int)s!), 5).Unwrap();
        return factory.StartNew(() => LoadAsync()).Unwrap();
    }

    Task LoadAsync() => Task.CompletedTask;
}",
            Verify.Diagnostic("CONC0403").WithLocation(0).WithArguments("Task.Factory.StartNew", ".Unwrap()"),
            Verify.Diagnostic("CONC0403").WithLocation(1).WithArguments("TaskFactory.StartNew", ".Unwrap()"));

        [Fact]
        public async Task Unwrap_is_offered_as_the_second_choice()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using System.Threading.Tasks;

class C
{
    async Task M()
    {
        await {|#0:Task.Factory.StartNew(async () => await Task.Delay(10))|};
    }
}",
                FixedCode = @"
using System.Threading.Tasks;

class C
{
    async Task M()
    {
        await Task.Factory.StartNew(async () => await Task.Delay(10)).Unwrap();
    }
}",
                CodeActionIndex = 1,
                CodeActionEquivalenceKey = "Unwrap the inner task",
            };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("CONC0403").WithLocation(0).WithArguments("Task.Factory.StartNew", "Task.Run"));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Expression_bodied_async_functions_returning_Task_are_fixed() => Verify.VerifyFixAsync(@"
using System;
using System.Threading.Tasks;

class C
{
    async Task M() => await {|#0:Task.Factory.StartNew(async () => await Task.Delay(10))|};
    Func<Task> F() => async () => await {|#1:Task.Factory.StartNew(async () => await Task.Delay(10))|};
}",
            @"
using System;
using System.Threading.Tasks;

class C
{
    async Task M() => await Task.Run(async () => await Task.Delay(10));
    Func<Task> F() => async () => await Task.Run(async () => await Task.Delay(10));
}",
            Verify.Diagnostic("CONC0403").WithLocation(0).WithArguments("Task.Factory.StartNew", "Task.Run"),
            Verify.Diagnostic("CONC0403").WithLocation(1).WithArguments("Task.Factory.StartNew", "Task.Run"));

        [Fact]
        public Task No_fix_where_the_Task_of_Task_type_is_used() => Verify.VerifyNoFixAsync(@"
using System;
using System.Threading.Tasks;

class C
{
    async Task M()
    {
        var t = {|#0:Task.Factory.StartNew(async () => await Task.Delay(10))|};
        var inner = t.Result;
        Task<Task> outer = {|#1:Task.Factory.StartNew(async () => await Task.Delay(10))|};
        var innerTask = await {|#2:Task.Factory.StartNew(async () => await Task.Delay(10))|};
        Func<Task<Task>> f = async () => await {|#3:Task.Factory.StartNew(async () => await Task.Delay(10))|};
        await inner;
        await innerTask;
        await outer;
    }
}",
            Verify.Diagnostic("CONC0403").WithLocation(0).WithArguments("Task.Factory.StartNew", "Task.Run"),
            Verify.Diagnostic("CONC0403").WithLocation(1).WithArguments("Task.Factory.StartNew", "Task.Run"),
            Verify.Diagnostic("CONC0403").WithLocation(2).WithArguments("Task.Factory.StartNew", "Task.Run"),
            Verify.Diagnostic("CONC0403").WithLocation(3).WithArguments("Task.Factory.StartNew", "Task.Run"));

        [Fact]
        public Task FixAll_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                "using System.Threading.Tasks;\nclass A { async Task M() { await {|#0:Task.Factory.StartNew(async () => await Task.Yield())|}; } }\n",
                "using System.Threading.Tasks;\nclass B { void M() { {|#1:Task.Factory.StartNew(async () => await Task.Yield())|}; } }\n",
            },
            new[]
            {
                "using System.Threading.Tasks;\nclass A { async Task M() { await Task.Run(async () => await Task.Yield()); } }\n",
                "using System.Threading.Tasks;\nclass B { void M() { Task.Run(async () => await Task.Yield()); } }\n",
            },
            Verify.Diagnostic("CONC0403").WithLocation(0).WithArguments("Task.Factory.StartNew", "Task.Run"),
            Verify.Diagnostic("CONC0403").WithLocation(1).WithArguments("Task.Factory.StartNew", "Task.Run"));
    }
}
