using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.SharedState.NonAtomicSharedUpdateAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SharedState.NonAtomicSharedUpdateCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.SharedState
{
    public class NonAtomicSharedUpdateCodeFixTests
    {
        [Fact]
        public Task Each_update_form_becomes_its_Interlocked_call() => Verify.VerifyFixAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    private int _processed;
    private static long s_bytes;

    int M(int[] items)
    {
        int failures = 0;
        long skipped = 0;
        Parallel.ForEach(items, item =>
        {
            {|#0:_processed++|}; // counted
            {|#1:s_bytes += item|};
            if (item < 0) {|#2:--failures|};
            {|#3:skipped -= item * 2|};
            {|#4:failures = failures + 1|};
            {|#5:skipped = 3 + skipped|};
            {|#6:s_bytes = s_bytes - item|};
        });
        return failures;
    }
}",
            @"
using System.Threading;
using System.Threading.Tasks;

class C
{
    private int _processed;
    private static long s_bytes;

    int M(int[] items)
    {
        int failures = 0;
        long skipped = 0;
        Parallel.ForEach(items, item =>
        {
            Interlocked.Increment(ref _processed); // counted
            Interlocked.Add(ref s_bytes, item);
            if (item < 0) Interlocked.Decrement(ref failures);
            Interlocked.Add(ref skipped, -(item * 2));
            Interlocked.Add(ref failures, 1);
            Interlocked.Add(ref skipped, 3);
            Interlocked.Add(ref s_bytes, -item);
        });
        return failures;
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_processed", "_processed++", "a 'Parallel.ForEach' delegate", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(1).WithArguments("s_bytes", "s_bytes += item", "a 'Parallel.ForEach' delegate", "'Interlocked.Add'"),
            Verify.Diagnostic("CONC0501").WithLocation(2).WithArguments("failures", "--failures", "a 'Parallel.ForEach' delegate", "'Interlocked.Decrement'"),
            Verify.Diagnostic("CONC0501").WithLocation(3).WithArguments("skipped", "skipped -= item * 2", "a 'Parallel.ForEach' delegate", "'Interlocked.Add'"),
            Verify.Diagnostic("CONC0501").WithLocation(4).WithArguments("failures", "failures = failures + 1", "a 'Parallel.ForEach' delegate", "'Interlocked.Add'"),
            Verify.Diagnostic("CONC0501").WithLocation(5).WithArguments("skipped", "skipped = 3 + skipped", "a 'Parallel.ForEach' delegate", "'Interlocked.Add'"),
            Verify.Diagnostic("CONC0501").WithLocation(6).WithArguments("s_bytes", "s_bytes = s_bytes - item", "a 'Parallel.ForEach' delegate", "'Interlocked.Add'"));

        [Fact]
        public Task Adds_using_System_Threading_when_missing() => Verify.VerifyFixAsync(@"using System.Linq;
using System.Threading.Tasks;

class C
{
    private int _seen;

    void M(int[] items) => items.AsParallel().ForAll(x => {|#0:_seen++|});
}",
            @"using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class C
{
    private int _seen;

    void M(int[] items) => items.AsParallel().ForAll(x => Interlocked.Increment(ref _seen));
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_seen", "_seen++", "a 'ForAll' delegate", "'Interlocked.Increment'"));

        [Fact]
        public Task FixAll_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                "using System.Threading.Tasks;\nclass A { int _n; void M(int[] xs) { Parallel.ForEach(xs, x => { {|#0:_n++|}; {|#1:_n += x|}; }); } }\n",
                "using System.Threading;\nusing System.Threading.Tasks;\nclass B { long _total; void M(int[] xs) { Parallel.For(0, xs.Length, i => { {|#2:_total -= xs[i]|}; }); } }\n",
            },
            new[]
            {
                "using System.Threading;\nusing System.Threading.Tasks;\nclass A { int _n; void M(int[] xs) { Parallel.ForEach(xs, x => { Interlocked.Increment(ref _n); Interlocked.Add(ref _n, x); }); } }\n",
                "using System.Threading;\nusing System.Threading.Tasks;\nclass B { long _total; void M(int[] xs) { Parallel.For(0, xs.Length, i => { Interlocked.Add(ref _total, -xs[i]); }); } }\n",
            },
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("_n", "_n++", "a 'Parallel.ForEach' delegate", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(1).WithArguments("_n", "_n += x", "a 'Parallel.ForEach' delegate", "'Interlocked.Add'"),
            Verify.Diagnostic("CONC0501").WithLocation(2).WithArguments("_total", "_total -= xs[i]", "a 'Parallel.For' delegate", "'Interlocked.Add'"));

        [Fact]
        public Task No_fix_for_properties_other_types_used_postfix_values_or_other_operators() => Verify.VerifyNoFixAsync(@"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Stats { public int Count { get; set; } }
class C
{
    private readonly Stats _stats = new Stats();
    private double _sum;
    private int _last;
    private int _ids;

    async Task M(int[] items)
    {
        Parallel.ForEach(items, item =>
        {
            {|#0:_stats.Count++|};
            {|#1:_sum += item|};
            var id = {|#2:_ids++|};
            {|#4:_last *= 2|};
        });

        var tasks = new List<Task<int>>();
        for (int i = 0; i < 3; i++)
        {
            tasks.Add(Task.Run(() => {|#5:_ids++|}));
        }

        await Task.WhenAll(tasks);
    }
}",
            Verify.Diagnostic("CONC0501").WithLocation(0).WithArguments("Count", "_stats.Count++", "a 'Parallel.ForEach' delegate", "a field updated with 'Interlocked.Increment' or a lock"),
            Verify.Diagnostic("CONC0501").WithLocation(1).WithArguments("_sum", "_sum += item", "a 'Parallel.ForEach' delegate", "a lock"),
            Verify.Diagnostic("CONC0501").WithLocation(2).WithArguments("_ids", "_ids++", "a 'Parallel.ForEach' delegate", "'Interlocked.Increment'"),
            Verify.Diagnostic("CONC0501").WithLocation(4).WithArguments("_last", "_last *= 2", "a 'Parallel.ForEach' delegate", "a lock"),
            Verify.Diagnostic("CONC0501").WithLocation(5).WithArguments("_ids", "_ids++", "a 'Task.Run' delegate started in a loop", "'Interlocked.Increment'"));
    }
}
