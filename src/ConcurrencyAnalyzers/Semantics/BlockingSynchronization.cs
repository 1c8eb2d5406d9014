using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>A call that parks the thread on a synchronization primitive.</summary>
    internal readonly struct BlockingSyncCall
    {
        public BlockingSyncCall(string display, string advice, bool hasAwaitableForm)
        {
            Display = display;
            Advice = advice;
            HasAwaitableForm = hasAwaitableForm;
        }

        /// <summary>"SemaphoreSlim.Wait", "WaitHandle.WaitOne"...</summary>
        public string Display { get; }

        /// <summary>What to do instead, for the message.</summary>
        public string Advice { get; }

        /// <summary>SemaphoreSlim.Wait -> await WaitAsync with the same arguments.</summary>
        public bool HasAwaitableForm { get; }
    }

    /// <summary>
    /// Recognises blocking synchronization: SemaphoreSlim.Wait, WaitHandle.WaitOne/WaitAll/WaitAny/
    /// SignalAndWait (ManualResetEvent, AutoResetEvent, Mutex, Semaphore...), Monitor.Enter/Wait/TryEnter
    /// with a timeout, Thread.Join, SpinWait.SpinUntil, Barrier.SignalAndWait, CountdownEvent.Wait,
    /// BlockingCollection&lt;T&gt;.Take/TryTake with a timeout, ManualResetEventSlim.Wait and
    /// ReaderWriterLockSlim.Enter*Lock. A constant zero timeout is a poll and is not a wait.
    /// The `lock` statement is not an invocation and is never seen here.
    /// </summary>
    internal static class BlockingSynchronization
    {
        public static bool TryClassify(IInvocationOperation invocation, KnownSymbols known, out BlockingSyncCall call)
        {
            call = default;
            var method = invocation.TargetMethod;

            // Names first: a string switch rules out almost every call before any symbol comparison.
            switch (method.Name)
            {
                case "Wait":
                case "WaitOne":
                case "WaitAll":
                case "WaitAny":
                case "SignalAndWait":
                case "Enter":
                case "TryEnter":
                case "Join":
                case "SpinUntil":
                case "Take":
                case "TryTake":
                case "EnterReadLock":
                case "EnterWriteLock":
                case "EnterUpgradeableReadLock":
                    break;
                default:
                    return false;
            }

            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return false;
            }

            var name = method.Name;
            if (KnownSymbols.Is(type, known.SemaphoreSlim))
            {
                if (name == "Wait" && !TaskWaits.HasZeroTimeout(invocation))
                {
                    call = new BlockingSyncCall("SemaphoreSlim.Wait", "await 'SemaphoreSlim.WaitAsync' instead", hasAwaitableForm: true);
                    return true;
                }

                return false;
            }

            if (Derives(type, known.WaitHandle))
            {
                if ((name == "WaitOne" || name == "WaitAll" || name == "WaitAny" || name == "SignalAndWait") && !TaskWaits.HasZeroTimeout(invocation))
                {
                    call = new BlockingSyncCall("WaitHandle." + name, "await a 'TaskCompletionSource' or 'SemaphoreSlim.WaitAsync' instead", hasAwaitableForm: false);
                    return true;
                }

                return false;
            }

            if (KnownSymbols.Is(type, known.Monitor))
            {
                var blocks = name == "Enter" || (name == "Wait" && !TaskWaits.HasZeroTimeout(invocation))
                    || (name == "TryEnter" && HasTimeout(invocation) && !TaskWaits.HasZeroTimeout(invocation));
                if (blocks)
                {
                    call = new BlockingSyncCall("Monitor." + name, "use 'await SemaphoreSlim.WaitAsync' for mutual exclusion across awaits", hasAwaitableForm: false);
                    return true;
                }

                return false;
            }

            if (KnownSymbols.Is(type, known.Thread))
            {
                if (name == "Join" && !method.IsStatic && !TaskWaits.HasZeroTimeout(invocation))
                {
                    call = new BlockingSyncCall("Thread.Join", "await a Task that represents the thread's work instead", hasAwaitableForm: false);
                    return true;
                }

                return false;
            }

            if (KnownSymbols.Is(type, known.SpinWait))
            {
                if (name == "SpinUntil" && !TaskWaits.HasZeroTimeout(invocation))
                {
                    call = new BlockingSyncCall("SpinWait.SpinUntil", "await a 'TaskCompletionSource' set when the condition holds instead", hasAwaitableForm: false);
                    return true;
                }

                return false;
            }

            if (KnownSymbols.Is(type, known.Barrier) && name == "SignalAndWait" && !TaskWaits.HasZeroTimeout(invocation))
            {
                call = new BlockingSyncCall("Barrier.SignalAndWait", "await a 'TaskCompletionSource' completed by the last participant instead", hasAwaitableForm: false);
                return true;
            }

            if (KnownSymbols.Is(type, known.CountdownEvent) && name == "Wait" && !TaskWaits.HasZeroTimeout(invocation))
            {
                call = new BlockingSyncCall("CountdownEvent.Wait", "await 'Task.WhenAll' over the work instead", hasAwaitableForm: false);
                return true;
            }

            if (KnownSymbols.Is(type, known.ManualResetEventSlim) && name == "Wait" && !TaskWaits.HasZeroTimeout(invocation))
            {
                call = new BlockingSyncCall("ManualResetEventSlim.Wait", "await a 'TaskCompletionSource' instead", hasAwaitableForm: false);
                return true;
            }

            if (known.BlockingCollectionOfT.Is(type))
            {
                if (name == "Take" || (name == "TryTake" && HasTimeout(invocation) && !TaskWaits.HasZeroTimeout(invocation)))
                {
                    call = new BlockingSyncCall("BlockingCollection." + name, "read from a 'Channel<T>' with 'await ReadAsync' instead", hasAwaitableForm: false);
                    return true;
                }

                return false;
            }

            if (KnownSymbols.Is(type, known.ReaderWriterLockSlim)
                && (name == "EnterReadLock" || name == "EnterWriteLock" || name == "EnterUpgradeableReadLock"))
            {
                call = new BlockingSyncCall("ReaderWriterLockSlim." + name, "use 'await SemaphoreSlim.WaitAsync' (the lock is thread-affine and cannot span an await)", hasAwaitableForm: false);
                return true;
            }

            return false;
        }

        private static bool HasTimeout(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter != null && (parameter.Type.Name == "TimeSpan" || parameter.Name.IndexOf("millisecondsTimeout", System.StringComparison.Ordinal) >= 0))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Derives(INamedTypeSymbol type, INamedTypeSymbol? baseType)
        {
            if (baseType == null)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
