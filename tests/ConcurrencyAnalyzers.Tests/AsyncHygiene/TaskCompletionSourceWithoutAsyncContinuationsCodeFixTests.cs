using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.AsyncHygiene.TaskCompletionSourceWithoutAsyncContinuationsAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.AsyncHygiene.TaskCompletionSourceWithoutAsyncContinuationsCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.AsyncHygiene
{
    public class TaskCompletionSourceWithoutAsyncContinuationsCodeFixTests
    {
        private const string Advice = "pass 'TaskCreationOptions.RunContinuationsAsynchronously'";

        [Fact]
        public Task The_option_is_added_or_combined() => Verify.VerifyFixAsync(@"
using System.Threading.Tasks;

class C
{
    private readonly TaskCompletionSource<bool> _ready = {|#0:new TaskCompletionSource<bool>()|};
    private TaskCompletionSource _done = {|#1:new()|};

    void M(object state)
    {
        var a = {|#2:new TaskCompletionSource<int>(TaskCreationOptions.None)|};
        var b = {|#3:new TaskCompletionSource(state)|};
        var c = {|#4:new TaskCompletionSource<string>(state, TaskCreationOptions.AttachedToParent)|}; // keep
        var d = {|#5:new TaskCompletionSource<int>(state: state)|};
    }
}",
            @"
using System.Threading.Tasks;

class C
{
    private readonly TaskCompletionSource<bool> _ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    void M(object state)
    {
        var a = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var b = new TaskCompletionSource(state, TaskCreationOptions.RunContinuationsAsynchronously);
        var c = new TaskCompletionSource<string>(state, TaskCreationOptions.AttachedToParent | TaskCreationOptions.RunContinuationsAsynchronously); // keep
        var d = new TaskCompletionSource<int>(state: state, creationOptions: TaskCreationOptions.RunContinuationsAsynchronously);
    }
}",
            Verify.Diagnostic("CONC0405").WithLocation(0).WithArguments("TaskCompletionSource<bool>", Advice),
            Verify.Diagnostic("CONC0405").WithLocation(1).WithArguments("TaskCompletionSource", Advice),
            Verify.Diagnostic("CONC0405").WithLocation(2).WithArguments("TaskCompletionSource<int>", Advice),
            Verify.Diagnostic("CONC0405").WithLocation(3).WithArguments("TaskCompletionSource", Advice),
            Verify.Diagnostic("CONC0405").WithLocation(4).WithArguments("TaskCompletionSource<string>", Advice),
            Verify.Diagnostic("CONC0405").WithLocation(5).WithArguments("TaskCompletionSource<int>", Advice));

        [Fact]
        public Task The_wrong_enum_is_replaced_and_a_missing_using_added() => Verify.VerifyFixAsync(@"
class C
{
    System.Threading.Tasks.TaskCompletionSource<int> M() => {|#0:new System.Threading.Tasks.TaskCompletionSource<int>(System.Threading.Tasks.TaskContinuationOptions.RunContinuationsAsynchronously)|};
    System.Threading.Tasks.TaskCompletionSource N() => {|#1:new System.Threading.Tasks.TaskCompletionSource()|};
}",
            @"
using System.Threading.Tasks;

class C
{
    System.Threading.Tasks.TaskCompletionSource<int> M() => new System.Threading.Tasks.TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
    System.Threading.Tasks.TaskCompletionSource N() => new System.Threading.Tasks.TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
}",
            Verify.Diagnostic("CONC0405").WithLocation(0).WithArguments(
                "TaskCompletionSource<int>",
                "the 'TaskContinuationOptions' value binds to the 'state' parameter; pass 'TaskCreationOptions.RunContinuationsAsynchronously'"),
            Verify.Diagnostic("CONC0405").WithLocation(1).WithArguments("TaskCompletionSource", Advice));

        [Fact]
        public Task No_fix_for_a_computed_wrong_enum() => Verify.VerifyNoFixAsync(@"
using System.Threading.Tasks;

class C
{
    TaskCompletionSource<int> M() => {|#0:new TaskCompletionSource<int>(TaskContinuationOptions.RunContinuationsAsynchronously | TaskContinuationOptions.LongRunning)|};
}",
            Verify.Diagnostic("CONC0405").WithLocation(0).WithArguments(
                "TaskCompletionSource<int>",
                "the 'TaskContinuationOptions' value binds to the 'state' parameter; pass 'TaskCreationOptions.RunContinuationsAsynchronously'"));

        [Fact]
        public Task FixAll_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                "using System.Threading.Tasks;\nclass A { TaskCompletionSource<int> T = {|#0:new TaskCompletionSource<int>()|}; }\n",
                "using System.Threading.Tasks;\nclass B { TaskCompletionSource U = {|#1:new TaskCompletionSource()|}; }\n",
            },
            new[]
            {
                "using System.Threading.Tasks;\nclass A { TaskCompletionSource<int> T = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously); }\n",
                "using System.Threading.Tasks;\nclass B { TaskCompletionSource U = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); }\n",
            },
            Verify.Diagnostic("CONC0405").WithLocation(0).WithArguments("TaskCompletionSource<int>", Advice),
            Verify.Diagnostic("CONC0405").WithLocation(1).WithArguments("TaskCompletionSource", Advice));
    }
}
