using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>What kind of waiting a call does, if any.</summary>
    internal enum BlockingKind
    {
        None,

        /// <summary>`Thread.Sleep`.</summary>
        Sleep,

        /// <summary>A wait on a task, handle, lock, semaphore, thread or blocking collection.</summary>
        Wait,

        /// <summary>Synchronous file, network, console or database I/O.</summary>
        IO,
    }

    /// <summary>
    /// "Does this call park the thread waiting for something else?" (not CPU work). Used by the
    /// thread-placement rules to tell a polling loop from a computing one; symbol-based except for
    /// namespace checks on the I/O side (System.IO, System.Net, System.Data), which are cheap.
    /// </summary>
    internal static class BlockingCalls
    {
        public static BlockingKind Classify(IInvocationOperation invocation, KnownSymbols known)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return BlockingKind.None;
            }

            if (KnownSymbols.Is(type, known.Thread) && method.Name == "Sleep")
            {
                return BlockingKind.Sleep;
            }

            // Waits on tasks and on synchronization primitives: the same recognisers CONC0101 and CONC0203 use.
            if (TaskWaits.TryGetWait(invocation, known, out _) || BlockingSynchronization.TryClassify(invocation, known, out _))
            {
                return BlockingKind.Wait;
            }

            if (IsIn(type, "System", "Threading"))
            {
                return BlockingKind.None;
            }

            if (known.CompressionTypes.Contains(type) || type.Name == "MemoryStream" || type.Name == "StringReader" || type.Name == "StringWriter")
            {
                return BlockingKind.None;
            }

            if (!method.ReturnsVoid && known.IsTaskLike(method.ReturnType))
            {
                return BlockingKind.None;
            }

            if (type.Name == "Console" && IsIn(type, "System", null) && (method.Name.StartsWith("Read", System.StringComparison.Ordinal)))
            {
                return BlockingKind.IO;
            }

            if (IsIn(type, "System", "IO") || IsIn(type, "System", "Net") || IsIn(type, "System", "Data") || IsUnder(type, "System", "Net"))
            {
                return IsIoVerb(method.Name) ? BlockingKind.IO : BlockingKind.None;
            }

            return BlockingKind.None;
        }

        private static bool IsIoVerb(string name)
        {
            return name.StartsWith("Read", System.StringComparison.Ordinal)
                || name.StartsWith("Write", System.StringComparison.Ordinal)
                || name.StartsWith("Append", System.StringComparison.Ordinal)
                || name.StartsWith("Copy", System.StringComparison.Ordinal)
                || name.StartsWith("Receive", System.StringComparison.Ordinal)
                || name.StartsWith("Send", System.StringComparison.Ordinal)
                || name.StartsWith("Accept", System.StringComparison.Ordinal)
                || name.StartsWith("Connect", System.StringComparison.Ordinal)
                || name.StartsWith("Download", System.StringComparison.Ordinal)
                || name.StartsWith("Upload", System.StringComparison.Ordinal)
                || name.StartsWith("Execute", System.StringComparison.Ordinal)
                || name.StartsWith("Get", System.StringComparison.Ordinal) && name.EndsWith("Response", System.StringComparison.Ordinal)
                || name == "Flush" || name == "Open" || name == "Exists" || name == "Delete" || name == "Move" || name == "Create"
                || name == "Peek" || name == "Pending";
        }

        /// <summary>The type is directly in namespace `outer.inner` (inner null: directly in `outer`).</summary>
        private static bool IsIn(ITypeSymbol type, string outer, string? inner)
        {
            var ns = type.ContainingNamespace;
            if (ns == null)
            {
                return false;
            }

            if (inner != null)
            {
                if (ns.Name != inner)
                {
                    return false;
                }

                ns = ns.ContainingNamespace;
            }

            return ns != null && ns.Name == outer && ns.ContainingNamespace != null && ns.ContainingNamespace.IsGlobalNamespace;
        }

        /// <summary>The type is in a namespace below `outer.inner` (System.Net.Sockets, System.Net.Http...).</summary>
        private static bool IsUnder(ITypeSymbol type, string outer, string inner)
        {
            for (var ns = type.ContainingNamespace; ns != null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
            {
                if (ns.Name == inner && ns.ContainingNamespace is { Name: var name } parent && name == outer && parent.ContainingNamespace != null && parent.ContainingNamespace.IsGlobalNamespace)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
