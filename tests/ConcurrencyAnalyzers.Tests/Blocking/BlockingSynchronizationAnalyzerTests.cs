using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.Blocking.BlockingSynchronizationAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.Blocking
{
    public class BlockingSynchronizationAnalyzerTests
    {
        [Fact]
        public Task Every_blocking_primitive_is_reported_in_async_code() => Verify.VerifyAsync(@"
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

class C
{
    private readonly object _gate = new object();

    async Task M(SemaphoreSlim semaphore, ManualResetEvent reset, AutoResetEvent auto, Mutex mutex, Thread thread, Barrier barrier,
        CountdownEvent countdown, BlockingCollection<int> queue, ManualResetEventSlim slim, ReaderWriterLockSlim rw, WaitHandle[] handles, CancellationToken ct)
    {
        {|#0:semaphore.Wait()|};
        var entered = {|#1:semaphore.Wait(TimeSpan.FromSeconds(1), ct)|};
        {|#2:reset.WaitOne()|};
        {|#3:auto.WaitOne(1000)|};
        {|#4:mutex.WaitOne()|};
        {|#5:WaitHandle.WaitAll(handles)|};
        var index = {|#6:WaitHandle.WaitAny(handles)|};
        {|#7:Monitor.Enter(_gate)|};
        {|#8:Monitor.Wait(_gate)|};
        {|#9:thread.Join()|};
        {|#10:SpinWait.SpinUntil(() => queue.Count > 0)|};
        {|#11:barrier.SignalAndWait()|};
        {|#12:countdown.Wait()|};
        var item = {|#13:queue.Take()|};
        {|#14:slim.Wait()|};
        {|#15:rw.EnterWriteLock()|};
        var taken = {|#16:Monitor.TryEnter(_gate, 500)|};
        await Task.Yield();
    }
}",
            Verify.Diagnostic("CONC0203").WithLocation(0).WithArguments("SemaphoreSlim.Wait", "method", "M", "await 'SemaphoreSlim.WaitAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(1).WithArguments("SemaphoreSlim.Wait", "method", "M", "await 'SemaphoreSlim.WaitAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(2).WithArguments("WaitHandle.WaitOne", "method", "M", "await a 'TaskCompletionSource' or 'SemaphoreSlim.WaitAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(3).WithArguments("WaitHandle.WaitOne", "method", "M", "await a 'TaskCompletionSource' or 'SemaphoreSlim.WaitAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(4).WithArguments("WaitHandle.WaitOne", "method", "M", "await a 'TaskCompletionSource' or 'SemaphoreSlim.WaitAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(5).WithArguments("WaitHandle.WaitAll", "method", "M", "await a 'TaskCompletionSource' or 'SemaphoreSlim.WaitAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(6).WithArguments("WaitHandle.WaitAny", "method", "M", "await a 'TaskCompletionSource' or 'SemaphoreSlim.WaitAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(7).WithArguments("Monitor.Enter", "method", "M", "use 'await SemaphoreSlim.WaitAsync' for mutual exclusion across awaits"),
            Verify.Diagnostic("CONC0203").WithLocation(8).WithArguments("Monitor.Wait", "method", "M", "use 'await SemaphoreSlim.WaitAsync' for mutual exclusion across awaits"),
            Verify.Diagnostic("CONC0203").WithLocation(9).WithArguments("Thread.Join", "method", "M", "await a Task that represents the thread's work instead"),
            Verify.Diagnostic("CONC0203").WithLocation(10).WithArguments("SpinWait.SpinUntil", "method", "M", "await a 'TaskCompletionSource' set when the condition holds instead"),
            Verify.Diagnostic("CONC0203").WithLocation(11).WithArguments("Barrier.SignalAndWait", "method", "M", "await a 'TaskCompletionSource' completed by the last participant instead"),
            Verify.Diagnostic("CONC0203").WithLocation(12).WithArguments("CountdownEvent.Wait", "method", "M", "await 'Task.WhenAll' over the work instead"),
            Verify.Diagnostic("CONC0203").WithLocation(13).WithArguments("BlockingCollection.Take", "method", "M", "read from a 'Channel<T>' with 'await ReadAsync' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(14).WithArguments("ManualResetEventSlim.Wait", "method", "M", "await a 'TaskCompletionSource' instead"),
            Verify.Diagnostic("CONC0203").WithLocation(15).WithArguments("ReaderWriterLockSlim.EnterWriteLock", "method", "M", "use 'await SemaphoreSlim.WaitAsync' (the lock is thread-affine and cannot span an await)"),
            Verify.Diagnostic("CONC0203").WithLocation(16).WithArguments("Monitor.TryEnter", "method", "M", "use 'await SemaphoreSlim.WaitAsync' for mutual exclusion across awaits"));

        [Fact]
        public Task Lock_statements_polls_sync_code_and_thread_bodies_are_not_reported() => Verify.VerifyAsync(@"
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

class C
{
    private readonly object _gate = new object();
    private int _count;

    void Sync(SemaphoreSlim semaphore) => semaphore.Wait();

    async Task M(SemaphoreSlim semaphore, ManualResetEvent reset, BlockingCollection<int> queue)
    {
        lock (_gate)
        {
            _count++;
        }

        if (semaphore.Wait(0)) { semaphore.Release(); }
        var signalled = reset.WaitOne(0);
        var polled = reset.WaitOne(TimeSpan.Zero);
        var tried = Monitor.TryEnter(_gate);
        queue.TryTake(out var item);
        await semaphore.WaitAsync();
        var worker = new Thread(() => queue.Take());
        await Task.Run(() => semaphore.Wait());
        await Task.Yield();
    }
}");

        [Fact]
        public Task Half_typed_code_does_not_crash_the_analyzer() => Verify.VerifyBrokenCodeAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task M(SemaphoreSlim s, Missing m)
    {
        s.Wait(;
        m.WaitOne();
        s.Wait(m.Timeout);
        await Task.Yield();
    }
}",
            Verify.Diagnostic("CONC0203").WithSpan(9, 9, 9, 16).WithArguments("SemaphoreSlim.Wait", "method", "M", "await 'SemaphoreSlim.WaitAsync' instead"));
    }
}
