namespace ConcurrencyAnalyzers.Rules
{
    /// <summary>The fixed rule ids of the catalogue (see docs/rules). Ids never change meaning once shipped.</summary>
    public static class RuleIds
    {
        // SyncOverAsync
        public const string BlockingWaitInAsyncCode = "CONC0101";
        public const string SyncOverAsync = "CONC0102";

        // Blocking
        public const string BlockingCallInAsyncCode = "CONC0201";
        public const string ThreadSleepInAsyncCode = "CONC0202";
        public const string BlockingSynchronizationInAsyncCode = "CONC0203";

        // ThreadPlacement
        public const string CpuHeavyLoopOnCallerThread = "CONC0301";
        public const string LongRunningLoopOnThreadPool = "CONC0302";
        public const string BlockingHostedServiceStart = "CONC0303";
        public const string LongRunningWithAsyncDelegate = "CONC0304";

        // AsyncHygiene
        public const string AsyncVoidMethod = "CONC0401";
        public const string AsyncLambdaToVoidDelegate = "CONC0402";
        public const string StartNewWithAsyncDelegate = "CONC0403";
        public const string DroppedTask = "CONC0404";
        public const string TaskCompletionSourceWithoutAsyncContinuations = "CONC0405";

        // SharedState
        public const string NonAtomicSharedUpdate = "CONC0501";
        public const string UnsynchronizedCollectionMutation = "CONC0502";
    }
}
