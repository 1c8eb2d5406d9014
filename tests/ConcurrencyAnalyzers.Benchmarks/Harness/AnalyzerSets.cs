using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.Benchmarks.Harness
{
    /// <summary>
    /// A named group of analyzers with the rule ids enabled for it. <see cref="Comparable"/> are the rule ids
    /// that find what our current rules find (blocking waits / blocking calls in async and sync code).
    /// </summary>
    internal sealed class AnalyzerSet
    {
        public AnalyzerSet(string name, string version, ImmutableArray<DiagnosticAnalyzer> analyzers, ISet<string> enabled, ISet<string> comparable)
        {
            Name = name;
            Version = version;
            Analyzers = analyzers;
            Enabled = enabled;
            Comparable = comparable;
        }

        public string Name { get; }

        public string Version { get; }

        /// <summary>Only the analyzers that support at least one enabled id (the others would not run anyway).</summary>
        public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

        public ISet<string> Enabled { get; }

        public ISet<string> Comparable { get; }

        public bool IsComparable(DiagnosticAnalyzer analyzer) => analyzer.SupportedDiagnostics.Any(d => Comparable.Contains(d.Id));

        public bool Owns(DiagnosticAnalyzer analyzer) => Analyzers.Contains(analyzer);
    }

    internal static class AnalyzerSets
    {
        /// <summary>
        /// Ours: what the compiler loads from the ConcurrencyAnalyzers assembly (one analyzer running every
        /// rule), so rules that land later are measured too. Its "comparable" time is therefore all 16 rules.
        /// With <paramref name="perRule"/>, each rule analyzer is registered on its own instead, to see each
        /// rule's share (each then pays the driver's per-analyzer cost, as before the single registration).
        /// </summary>
        public static AnalyzerSet Ours(bool perRule = false)
        {
            var assembly = typeof(ConcurrencyAnalyzers.Rules.RuleIds).Assembly;
            var analyzers = perRule
                ? ConcurrencyAnalyzers.Rules.ConcurrencyRulesAnalyzer.CreateRules()
                : new AnalyzerFileReference(assembly.Location, Loader.Instance).GetAnalyzers(LanguageNames.CSharp);
            var ids = new HashSet<string>(analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id), StringComparer.Ordinal);
            var comparable = new HashSet<string>(ids.Where(id => id.StartsWith("CONC01", StringComparison.Ordinal) || id.StartsWith("CONC02", StringComparison.Ordinal)), StringComparer.Ordinal);
            var version = assembly.GetName().Version?.ToString() ?? "?";
            return new AnalyzerSet("ConcurrencyAnalyzers (ours)", version, analyzers, ids, comparable);
        }

        /// <summary>
        /// The peers, from their NuGet packages, with only their concurrency rules enabled. "Comparable" are
        /// the rules that report what CONC0101/0102 (and the blocking family) report.
        /// </summary>
        public static List<AnalyzerSet> Peers(List<string> problems)
        {
            var sets = new List<AnalyzerSet>();
            Add(sets, problems, "Microsoft.VisualStudio.Threading.Analyzers", "VS Threading (VSTHRD)", "analyzers/cs",
                id => id.StartsWith("VSTHRD", StringComparison.Ordinal),
                new[] { "VSTHRD002", "VSTHRD103" });
            Add(sets, problems, "Meziantou.Analyzer", "Meziantou (async rules)", "analyzers/dotnet/roslyn5.0/cs",
                id => MeziantouAsync.Contains(id),
                new[] { "MA0042", "MA0045" });
            Add(sets, problems, "AsyncFixer", "AsyncFixer", "analyzers/dotnet/cs",
                id => id.StartsWith("AsyncFixer", StringComparison.Ordinal),
                new[] { "AsyncFixer02" });
            Add(sets, problems, "Microsoft.CodeAnalysis.NetAnalyzers", "SDK CA async rules", "analyzers/dotnet/cs",
                id => NetAnalyzersAsync.Contains(id),
                new[] { "CA1849" });
            return sets;
        }

        /// <summary>Meziantou's async/threading rules (the rest of the package is style, naming, usage...).</summary>
        private static readonly HashSet<string> MeziantouAsync = new HashSet<string>(StringComparer.Ordinal)
        {
            "MA0004", // ConfigureAwait
            "MA0022", // return Task.FromResult instead of null
            "MA0032", // use an overload with a CancellationToken
            "MA0040", // forward the CancellationToken
            "MA0042", // do not use blocking calls in an async method
            "MA0045", // do not use blocking calls in a sync method (need to make the caller async)
            "MA0079", // forward a CancellationToken using .WithCancellation()
            "MA0080", // use a cancellation token using .WithCancellation()
            "MA0100", // await task before disposing resources
            "MA0129", // await task in using statement
            "MA0134", // observe result of async calls
            "MA0147", // avoid async void method for delegate
            "MA0155", // do not use async void methods
        };

        /// <summary>The SDK's async rules: the two the issue names plus their close relatives.</summary>
        private static readonly HashSet<string> NetAnalyzersAsync = new HashSet<string>(StringComparer.Ordinal)
        {
            "CA1849", // call async methods when in an async method
            "CA2016", // forward the CancellationToken parameter
            "CA2012", // use ValueTasks correctly
            "CA1842", // do not use WhenAll with a single task
            "CA1843", // do not use WaitAll with a single task
        };

        private static void Add(List<AnalyzerSet> sets, List<string> problems, string package, string name, string folder, Func<string, bool> isConcurrencyRule, string[] comparable)
        {
            var version = Metadata("Peer:" + package);
            var root = Metadata("NuGetPackageRoot");
            if (version == null || root == null)
            {
                problems.Add(package + ": no package metadata in the build");
                return;
            }

            var dir = Path.Combine(root, package.ToLowerInvariant(), version, folder);
            if (!Directory.Exists(dir))
            {
                problems.Add(package + ": not restored at " + dir + " (run dotnet restore)");
                return;
            }

            var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            var enabled = new HashSet<string>(StringComparer.Ordinal);
            foreach (var dll in Directory.GetFiles(dir, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
            {
                if (dll.Contains("CodeFix", StringComparison.OrdinalIgnoreCase))
                {
                    continue; // fixes need Workspaces and do not run in the compiler
                }

                var reference = new AnalyzerFileReference(dll, Loader.Instance);
                reference.AnalyzerLoadFailed += (_, e) => problems.Add($"{package}: {Path.GetFileName(dll)}: {e.ErrorCode} {e.Message}");
                foreach (var analyzer in reference.GetAnalyzers(LanguageNames.CSharp))
                {
                    ImmutableArray<DiagnosticDescriptor> supported;
                    try
                    {
                        supported = analyzer.SupportedDiagnostics;
                    }
                    catch (Exception ex)
                    {
                        problems.Add($"{package}: {analyzer.GetType().Name}: {ex.Message}");
                        continue;
                    }

                    var any = false;
                    foreach (var descriptor in supported)
                    {
                        if (isConcurrencyRule(descriptor.Id))
                        {
                            enabled.Add(descriptor.Id);
                            any = true;
                        }
                    }

                    if (any)
                    {
                        analyzers.Add(analyzer);
                    }
                }
            }

            var comparableFound = new HashSet<string>(comparable.Where(enabled.Contains), StringComparer.Ordinal);
            foreach (var missing in comparable.Where(id => !enabled.Contains(id)))
            {
                problems.Add($"{package}: comparable rule {missing} not found");
            }

            sets.Add(new AnalyzerSet(name, version, analyzers.ToImmutable(), enabled, comparableFound));
        }

        private static string? Metadata(string key)
            => typeof(AnalyzerSets).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

        /// <summary>Loads analyzer assemblies in the default context (their dependencies sit beside them).</summary>
        private sealed class Loader : IAnalyzerAssemblyLoader
        {
            public static readonly Loader Instance = new Loader();

            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }
    }
}
