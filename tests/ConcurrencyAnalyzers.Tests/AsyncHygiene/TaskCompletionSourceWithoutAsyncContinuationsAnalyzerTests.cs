using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.AsyncHygiene.TaskCompletionSourceWithoutAsyncContinuationsAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.AsyncHygiene
{
    public class TaskCompletionSourceWithoutAsyncContinuationsAnalyzerTests
    {
        private const string Advice = "pass 'TaskCreationOptions.RunContinuationsAsynchronously'";

        [Fact]
        public Task Creations_without_the_option_are_reported() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

class C
{
    private readonly TaskCompletionSource<bool> _ready = {|#0:new TaskCompletionSource<bool>()|};
    private TaskCompletionSource _done = {|#1:new()|};

    void M(object state)
    {
        var a = {|#2:new TaskCompletionSource<int>(TaskCreationOptions.None)|};
        var b = {|#3:new TaskCompletionSource(state)|};
        var c = {|#4:new TaskCompletionSource<string>(state, TaskCreationOptions.AttachedToParent)|};
    }
}",
            Verify.Diagnostic("CONC0405").WithLocation(0).WithArguments("TaskCompletionSource<bool>", Advice),
            Verify.Diagnostic("CONC0405").WithLocation(1).WithArguments("TaskCompletionSource", Advice),
            Verify.Diagnostic("CONC0405").WithLocation(2).WithArguments("TaskCompletionSource<int>", Advice),
            Verify.Diagnostic("CONC0405").WithLocation(3).WithArguments("TaskCompletionSource", Advice),
            Verify.Diagnostic("CONC0405").WithLocation(4).WithArguments("TaskCompletionSource<string>", Advice));

        [Fact]
        public Task TaskContinuationOptions_passed_as_state_is_reported() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

class C
{
    TaskCompletionSource<int> M() => {|#0:new TaskCompletionSource<int>(TaskContinuationOptions.RunContinuationsAsynchronously)|};
}",
            Verify.Diagnostic("CONC0405").WithLocation(0).WithArguments(
                "TaskCompletionSource<int>",
                "the 'TaskContinuationOptions' value binds to the 'state' parameter; pass 'TaskCreationOptions.RunContinuationsAsynchronously'"));

        [Fact]
        public Task Creations_with_the_option_or_unknown_options_are_not_reported() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

class C
{
    void M(object state, TaskCreationOptions options)
    {
        var a = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var b = new TaskCompletionSource(state, TaskCreationOptions.AttachedToParent | TaskCreationOptions.RunContinuationsAsynchronously);
        var c = new TaskCompletionSource<bool>(options);
        TaskCompletionSource<int> d = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var e = new System.Collections.Generic.List<TaskCompletionSource<int>>();
    }
}");

        [Fact]
        public Task Broken_code_does_not_crash() => Verify.VerifyBrokenCodeAsync(@"
using System.Threading.Tasks;

class C
{
    void M()
    {
        var a = new TaskCompletionSource<Missing>(;
        var b = new TaskCompletionSource(TaskCreationOptions.);
        var c = new TaskCompletionSource<int>(1, 2, 3);
    }
}");
    }
}
