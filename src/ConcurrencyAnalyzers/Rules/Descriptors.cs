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

        // ---- AsyncHygiene --------------------------------------------------------------------

        // ---- SharedState ---------------------------------------------------------------------
    }
}
