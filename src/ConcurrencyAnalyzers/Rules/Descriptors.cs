using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Rules
{
    /// <summary>
    /// Every diagnostic descriptor of the package, built by one factory so category, help link and
    /// tags stay uniform. Keep one region per rule family.
    /// </summary>
    public static class Descriptors
    {
        public const string HelpLinkBase = "https://github.com/concurrencyanalyzers/concurrencyanalyzers/blob/main/docs/rules/";

        internal static DiagnosticDescriptor Create(
            string id,
            string family,
            string title,
            string messageFormat,
            string description,
            DiagnosticSeverity severity = DiagnosticSeverity.Warning,
            bool enabledByDefault = true)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                "Concurrency." + family,
                severity,
                enabledByDefault,
                description,
                HelpLinkBase + id + ".md");
        }

        // ---- SyncOverAsync -------------------------------------------------------------------

        public static readonly DiagnosticDescriptor CONC0101_BlockingWaitInAsyncCode = Create(
            RuleIds.BlockingWaitInAsyncCode,
            "SyncOverAsync",
            "Blocking wait on a task inside async code",
            "'{0}' blocks the thread inside async {1} '{2}'; use '{3}' instead",
            "Waiting synchronously on a task (.Result, .Wait(), GetAwaiter().GetResult(), Task.WaitAll/WaitAny) inside an async method holds a thread while the task runs and can deadlock under a SynchronizationContext; await the task instead.");

        public static readonly DiagnosticDescriptor CONC0102_SyncOverAsync = Create(
            RuleIds.SyncOverAsync,
            "SyncOverAsync",
            "Synchronous code blocks on a task (sync-over-async)",
            "'{0}' blocks the thread in synchronous {1} '{2}' until the task completes, and deadlocks under a SynchronizationContext; {3}",
            "Blocking on a task from synchronous code wastes a thread for the whole operation and deadlocks when the task needs the blocked context (UI threads, legacy ASP.NET); make the caller async and await, or keep a synchronous API end to end.");

        // ---- Blocking ------------------------------------------------------------------------

        public static readonly DiagnosticDescriptor CONC0201_BlockingCallInAsyncCode = Create(
            RuleIds.BlockingCallInAsyncCode,
            "Blocking",
            "Blocking call with an awaitable alternative inside async code",
            "'{0}' blocks inside async {1} '{2}'; {3}",
            "A synchronous I/O or disposal call inside an async method holds the thread for the whole operation although an awaitable alternative does the same work without blocking; await the alternative (and use 'await using' for IAsyncDisposable resources).");

        public static readonly DiagnosticDescriptor CONC0202_ThreadSleepInAsyncCode = Create(
            RuleIds.ThreadSleepInAsyncCode,
            "Blocking",
            "Thread.Sleep inside async code",
            "'{0}' blocks the thread inside async {1} '{2}'; use 'await Task.Delay' instead",
            "Thread.Sleep parks the thread that runs the async method, starving the thread pool or freezing the UI; 'await Task.Delay' waits without holding a thread and can be cancelled.");

        public static readonly DiagnosticDescriptor CONC0203_BlockingSynchronizationInAsyncCode = Create(
            RuleIds.BlockingSynchronizationInAsyncCode,
            "Blocking",
            "Blocking synchronization inside async code",
            "'{0}' blocks the thread inside async {1} '{2}'; {3}",
            "Waiting on a synchronization primitive (SemaphoreSlim.Wait, WaitHandle.WaitOne, Monitor.Enter, Thread.Join...) inside an async method parks a thread and, for thread-affine locks, breaks across awaits; use an awaitable primitive such as SemaphoreSlim.WaitAsync.");

        // ---- ThreadPlacement -----------------------------------------------------------------

        public static readonly DiagnosticDescriptor CONC0301_CpuHeavyLoopOnCallerThread = Create(
            RuleIds.CpuHeavyLoopOnCallerThread,
            "ThreadPlacement",
            "CPU-heavy work runs inline on a request, UI or startup thread",
            "{0} runs inline on the {1} in '{2}'; {3}",
            "A CPU-heavy loop (or a call that is CPU-heavy by itself) inside an async request handler, UI event handler or async entry point runs on the thread that entered it: a UI freezes, a request holds a pool thread and delays every request queued behind it. Offload it with 'await Task.Run(...)', or a dedicated thread for very long work.");

        public static readonly DiagnosticDescriptor CONC0302_LongRunningLoopOnThreadPool = Create(
            RuleIds.LongRunningLoopOnThreadPool,
            "ThreadPlacement",
            "Long-running blocking loop on the thread pool",
            "'{0}' runs a never-ending loop that blocks on '{1}' on a thread-pool thread in '{2}'; {3}",
            "A loop that never ends and blocks (Thread.Sleep, blocking I/O, blocking waits) occupies a thread-pool thread for the life of the process; a few of them starve the pool. Give it a dedicated background thread (or TaskCreationOptions.LongRunning), or make the loop async so the thread is released while it waits.");

        public static readonly DiagnosticDescriptor CONC0303_BlockingHostedServiceStart = Create(
            RuleIds.BlockingHostedServiceStart,
            "ThreadPlacement",
            "Hosted service blocks before its first await",
            "{0} runs before the first await in '{1}' and holds up the start of the host; {2}",
            "The host calls StartAsync (and BackgroundService.StartAsync calls ExecuteAsync) synchronously up to the first await; a loop, blocking call or CPU-heavy work before it delays every other hosted service and the application's start. Yield first ('await Task.Yield()') or move the work to Task.Run.");

        public static readonly DiagnosticDescriptor CONC0304_LongRunningWithAsyncDelegate = Create(
            RuleIds.LongRunningWithAsyncDelegate,
            "ThreadPlacement",
            "TaskCreationOptions.LongRunning with an async delegate",
            "'{0}' starts an async delegate with TaskCreationOptions.LongRunning in '{1}': the dedicated thread is released at the first await and the result is a Task<Task>; {2}",
            "LongRunning asks for a dedicated thread, but an async delegate gives its thread back at the first await, so the thread is wasted, and StartNew returns a Task<Task> whose outer task completes at that first await. Use Task.Run(async ...), which unwraps, or keep the dedicated thread with a synchronous body.");

        // ---- AsyncHygiene --------------------------------------------------------------------

        public static readonly DiagnosticDescriptor CONC0401_AsyncVoidMethod = Create(
            RuleIds.AsyncVoidMethod,
            "AsyncHygiene",
            "Async void method that is not an event handler",
            "{0} '{1}' is async void, so callers cannot await it and its exceptions crash the process; return 'Task' instead",
            "An async void method cannot be awaited, its completion cannot be observed, and an exception it throws is raised on the SynchronizationContext or thread pool where it usually terminates the process. Only event handlers should be async void; everything else should return Task.");

        public static readonly DiagnosticDescriptor CONC0402_AsyncLambdaToVoidDelegate = Create(
            RuleIds.AsyncLambdaToVoidDelegate,
            "AsyncHygiene",
            "Async lambda passed where a void-returning delegate is expected",
            "Async lambda passed to {0} becomes async void: nothing waits for it and its exceptions crash the process; {1}",
            "An async lambda converted to a void-returning delegate (Action, Parallel.ForEach, List<T>.ForEach, timer callbacks, non-UI events) is async void: the caller continues at its first await and its exceptions are unobservable. Use an API that accepts Func<Task>, or a loop that awaits.");

        public static readonly DiagnosticDescriptor CONC0403_StartNewWithAsyncDelegate = Create(
            RuleIds.StartNewWithAsyncDelegate,
            "AsyncHygiene",
            "Task.Factory.StartNew with an async delegate",
            "'{0}' with an async delegate returns a Task<Task> that completes at the delegate's first await; use '{1}' instead",
            "TaskFactory.StartNew does not understand async delegates: it returns a Task<Task> whose outer task completes when the delegate reaches its first await. Awaiting it does not wait for the work, and its exceptions stay in the inner task. Task.Run unwraps async delegates; otherwise call Unwrap().");

        public static readonly DiagnosticDescriptor CONC0404_DroppedTask = Create(
            RuleIds.DroppedTask,
            "AsyncHygiene",
            "Task returned by a call is dropped (fire-and-forget)",
            "The task returned by '{0}' is dropped in {1} '{2}', so nothing observes its completion or exceptions; {3}",
            "A Task or ValueTask that is neither awaited nor stored runs unobserved: the caller does not wait for it, its exceptions are lost, and a ValueTask may not be consumed at all. Await it in async code; elsewhere assign it to the discard '_' to say that it is intentionally not awaited.");

        public static readonly DiagnosticDescriptor CONC0405_TaskCompletionSourceWithoutAsyncContinuations = Create(
            RuleIds.TaskCompletionSourceWithoutAsyncContinuations,
            "AsyncHygiene",
            "TaskCompletionSource without RunContinuationsAsynchronously",
            "'{0}' is created without 'TaskCreationOptions.RunContinuationsAsynchronously', so awaiting code resumes inline on the thread that completes it; {1}",
            "By default the continuations of a TaskCompletionSource's task run synchronously inside SetResult/TrySetResult, on the completing thread: while it holds locks, in the middle of its own work, and possibly forever. RunContinuationsAsynchronously queues them instead.");

        // ---- SharedState ---------------------------------------------------------------------

        public static readonly DiagnosticDescriptor CONC0501_NonAtomicSharedUpdate = Create(
            RuleIds.NonAtomicSharedUpdate,
            "SharedState",
            "Non-atomic update of shared state in concurrent code",
            "'{0}' is read, changed and written back in separate steps by '{1}' inside {2}, which runs concurrently, so updates get lost; use {3}",
            "An increment or compound assignment is a read, a change and a write; when several threads run it on the same variable, field or property at once, their steps interleave and updates are lost. Use Interlocked for int/long counters, a lock otherwise, or per-thread state combined at the end.");

        public static readonly DiagnosticDescriptor CONC0502_UnsynchronizedCollectionMutation = Create(
            RuleIds.UnsynchronizedCollectionMutation,
            "SharedState",
            "Non-thread-safe collection mutated in concurrent code",
            "'{0}' ({1}) is changed by '{2}' inside {3}, which runs concurrently, without a lock; use {4}",
            "List<T>, Dictionary<TKey,TValue>, HashSet<T>, Queue<T> and Stack<T> support one writer and no concurrent readers; mutating a shared one from concurrently running code loses items, corrupts its internal state or throws. Use a concurrent collection or take a lock around every access.");
    }
}
