using Microsoft.CodeAnalysis.Testing;

namespace ConcurrencyAnalyzers.Tests.Verifiers
{
    /// <summary>The one set of reference assemblies every test compiles against.</summary>
    internal static class TestReferences
    {
        public static ReferenceAssemblies Default { get; } = ReferenceAssemblies.Net.Net80;
    }
}
