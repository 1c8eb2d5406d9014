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

        // ---- SharedState ---------------------------------------------------------------------
    }
}
