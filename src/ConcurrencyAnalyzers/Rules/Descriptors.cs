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

        // ---- AsyncHygiene --------------------------------------------------------------------

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
