using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.AsyncHygiene.AsyncLambdaToVoidDelegateAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.AsyncHygiene.AsyncLambdaToVoidDelegateCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.AsyncHygiene
{
    public class AsyncLambdaToVoidDelegateCodeFixTests
    {
        private const string ParallelAdvice = "await 'Parallel.ForEachAsync' instead";
        private const string ForEachAdvice = "use a 'foreach' loop that awaits each item instead";

        [Fact]
        public Task Parallel_ForEach_becomes_ForEachAsync_forwarding_the_token() => Verify.VerifyFixAsync(@"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task SendAllAsync(List<int> ids, CancellationToken cancellationToken)
    {
        // send each
        Parallel.ForEach(ids, {|#0:async|} id =>
        {
            await Task.Delay(id);
        });
    }
}",
            @"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task SendAllAsync(List<int> ids, CancellationToken cancellationToken)
    {
        // send each
        await Parallel.ForEachAsync(ids, cancellationToken, async (id, ct) =>
        {
            await Task.Delay(id);
        });
    }
}",
            Verify.Diagnostic("CONC0402").WithLocation(0).WithArguments("'Parallel.ForEach'", ParallelAdvice));

        [Fact]
        public Task Parallel_ForEach_keeps_its_ParallelOptions_and_typed_parameters() => Verify.VerifyFixAsync(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    async Task SendAllAsync(IEnumerable<string> names)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4 };
        Parallel.ForEach(names, options, {|#0:async|} (string name) => await Task.Delay(name.Length));
        Parallel.ForEach(names, {|#1:async|} (name) => await Task.Delay(name.Length));
    }
}",
            @"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task SendAllAsync(IEnumerable<string> names)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4 };
        await Parallel.ForEachAsync(names, options, async (string name, CancellationToken ct) => await Task.Delay(name.Length));
        await Parallel.ForEachAsync(names, async (name, ct) => await Task.Delay(name.Length));
    }
}",
            Verify.Diagnostic("CONC0402").WithLocation(0).WithArguments("'Parallel.ForEach'", ParallelAdvice),
            Verify.Diagnostic("CONC0402").WithLocation(1).WithArguments("'Parallel.ForEach'", ParallelAdvice));

        [Fact]
        public Task List_and_Array_ForEach_become_foreach_loops() => Verify.VerifyFixAsync(@"
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    async Task NotifyAsync(List<int> ids, string[] names)
    {
        ids.ForEach({|#0:async|} id =>
        {
            var delay = id * 2;
            await Task.Delay(delay);
        });
        Array.ForEach(names, {|#1:async|} name => await Task.Delay(name.Length));
    }
}",
            @"
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    async Task NotifyAsync(List<int> ids, string[] names)
    {
        foreach (var id in ids)
        {
            var delay = id * 2;
            await Task.Delay(delay);
        }
        foreach (var name in names)
        {
            await Task.Delay(name.Length);
        }
    }
}",
            Verify.Diagnostic("CONC0402").WithLocation(0).WithArguments("'List.ForEach'", ForEachAdvice),
            Verify.Diagnostic("CONC0402").WithLocation(1).WithArguments("'Array.ForEach'", ForEachAdvice));

        [Fact]
        public Task No_fix_outside_async_code_on_early_return_name_clash_or_index_overloads() => Verify.VerifyNoFixAsync(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class C
{
    void Sync(List<int> ids) => ids.ForEach({|#0:async|} id => await Task.Delay(id));

    async Task EarlyReturn(List<int> ids)
    {
        ids.ForEach({|#1:async|} id =>
        {
            if (id == 0) return;
            await Task.Delay(id);
        });
    }

    async Task Clash(List<int> ids)
    {
        ids.ForEach({|#2:async|} id => await Task.Delay(id));
        var id = 1;
        await Task.Delay(id);
    }

    async Task WithState(List<int> ids)
    {
        Parallel.ForEach(ids, {|#3:async|} (id, state) => await Task.Delay(id));
    }
}",
            Verify.Diagnostic("CONC0402").WithLocation(0).WithArguments("'List.ForEach'", ForEachAdvice),
            Verify.Diagnostic("CONC0402").WithLocation(1).WithArguments("'List.ForEach'", ForEachAdvice),
            Verify.Diagnostic("CONC0402").WithLocation(2).WithArguments("'List.ForEach'", ForEachAdvice),
            Verify.Diagnostic("CONC0402").WithLocation(3).WithArguments("'Parallel.ForEach'", ParallelAdvice));

        [Fact]
        public Task FixAll_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                "using System.Collections.Generic;\nusing System.Threading.Tasks;\nclass A { async Task M(List<int> a) { a.ForEach({|#0:async|} x => await Task.Delay(x)); } }\n",
                "using System.Collections.Generic;\nusing System.Threading.Tasks;\nclass B { async Task M(List<int> b) { b.ForEach({|#1:async|} y => await Task.Delay(y)); } }\n",
            },
            new[]
            {
                "using System.Collections.Generic;\nusing System.Threading.Tasks;\nclass A { async Task M(List<int> a) { foreach (var x in a) { await Task.Delay(x); } } }\n",
                "using System.Collections.Generic;\nusing System.Threading.Tasks;\nclass B { async Task M(List<int> b) { foreach (var y in b) { await Task.Delay(y); } } }\n",
            },
            Verify.Diagnostic("CONC0402").WithLocation(0).WithArguments("'List.ForEach'", ForEachAdvice),
            Verify.Diagnostic("CONC0402").WithLocation(1).WithArguments("'List.ForEach'", ForEachAdvice));
    }
}
