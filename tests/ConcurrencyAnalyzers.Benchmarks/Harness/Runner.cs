using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using ConcurrencyAnalyzers.Benchmarks.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.Benchmarks.Harness
{
    /// <summary>Everything measured on one corpus.</summary>
    internal sealed class CorpusResult
    {
        public CorpusResult(GeneratedCorpus corpus)
        {
            Corpus = corpus;
        }

        public GeneratedCorpus Corpus { get; }

        public double CompileMs { get; set; }

        public double ParseMs { get; set; }

        /// <summary>Set name -> median over runs of the summed ExecutionTime of the set's analyzers (single-threaded driver).</summary>
        public Dictionary<string, double> SetMs { get; } = new Dictionary<string, double>();

        /// <summary>Set name -> median summed ExecutionTime of the set's analyzers that own comparable rules.</summary>
        public Dictionary<string, double> ComparableMs { get; } = new Dictionary<string, double>();

        /// <summary>Analyzer type name (ours) -> median ExecutionTime.</summary>
        public Dictionary<string, double> OursPerAnalyzerMs { get; } = new Dictionary<string, double>();

        /// <summary>Set name -> diagnostics reported by its enabled rules / by its comparable rules.</summary>
        public Dictionary<string, (int All, int Comparable)> SetDiagnostics { get; } = new Dictionary<string, (int, int)>();

        /// <summary>Our rule id -> (reported, seeded).</summary>
        public SortedDictionary<string, (int Reported, int Seeded)> OurCounts { get; } = new SortedDictionary<string, (int, int)>(StringComparer.Ordinal);

        /// <summary>Set name -> bytes allocated per file when the set runs alone, over a do-nothing analyzer.</summary>
        public Dictionary<string, double> BytesPerFile { get; } = new Dictionary<string, double>();

        /// <summary>Set name -> wall time (ms) of a run of the set alone, over a do-nothing analyzer.</summary>
        public Dictionary<string, double> AloneExtraWallMs { get; } = new Dictionary<string, double>();

        /// <summary>IDE latency on the large document: binding only, then per set (wall ms, analyzer ms).</summary>
        public double DocumentBindMs { get; set; }

        /// <summary>IDE latency with only the do-nothing operation analyzer: binding plus the driver's own work.</summary>
        public double DocumentDriverMs { get; set; }

        public Dictionary<string, (double WallMs, double AnalyzerMs)> DocumentMs { get; } = new Dictionary<string, (double, double)>();

        public int DocumentLines { get; set; }

        public List<string> Exceptions { get; } = new List<string>();

        /// <summary>Compiler errors in a real corpus (generated corpora must have none).</summary>
        public int CompileErrors { get; set; }

        /// <summary>Every diagnostic of the combined run, for `--findings`.</summary>
        public ImmutableArray<Diagnostic> Diagnostics { get; set; } = ImmutableArray<Diagnostic>.Empty;

        public bool CountsMatch => (Corpus.Seeded == null || OurCounts.All(kv => kv.Value.Reported == kv.Value.Seeded)) && Exceptions.Count == 0;
    }

    internal sealed class Runner
    {
        private readonly Options _options;
        private readonly AnalyzerSet _ours;
        private readonly List<AnalyzerSet> _sets;
        private readonly ImmutableArray<MetadataReference> _references;
        private readonly CSharpParseOptions _parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        private readonly TextWriter _log;

        /// <summary>The libraries of the corpus being measured (real sources bring their own).</summary>
        private ImmutableArray<MetadataReference> _corpusReferences = ImmutableArray<MetadataReference>.Empty;

        public Runner(Options options, AnalyzerSet ours, List<AnalyzerSet> peers, TextWriter log)
        {
            _options = options;
            _ours = ours;
            _sets = new List<AnalyzerSet> { ours };
            _sets.AddRange(peers);

            // The floor: what the driver charges for calling empty callbacks on the kinds our rules use.
            var noOpIds = new HashSet<string>(StringComparer.Ordinal) { NoOpAnalyzer.Id };
            _sets.Add(new AnalyzerSet("(floor: empty callbacks)", "-", NoOp, noOpIds, noOpIds));
            _references = References.Load();
            _log = log;
        }

        public IReadOnlyList<AnalyzerSet> Sets => _sets;

        /// <summary>Runs compile and analysis on a small corpus twice so the measured runs see JIT-compiled code.</summary>
        public void WarmUp(GeneratedCorpus corpus)
        {
            var trees = corpus.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, _parseOptions, path: f.Path)).ToImmutableArray();
            for (var i = 0; i < 2; i++)
            {
                Compile(trees).GetDiagnostics();
                RunCombined(trees, out _, out _);
                RunAlone(trees, NoOp);
            }
        }

        /// <summary>`--profile`: our analyzers alone, one warm-up run then <paramref name="runs"/> measured ones.</summary>
        public void Profile(GeneratedCorpus corpus, int runs)
        {
            _corpusReferences = corpus.References;
            var trees = corpus.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, _parseOptions, path: f.Path)).ToImmutableArray();
            for (var run = 0; run <= runs; run++)
            {
                Collect();
                var cwa = WithAnalyzers(Compile(trees), _ours.Analyzers, out var errors);
                var diagnostics = cwa.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
                var ms = _ours.Analyzers.Sum(a => cwa.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds);
                _log.WriteLine($"  {corpus.Name} {(run == 0 ? "warm-up" : "run " + run)}: ours {ms:F0} ms, {diagnostics.Length} diagnostics, {errors.Count} analyzer exceptions");
            }
        }

        /// <summary>Our analyzers alone, one single-threaded driver run over the corpus (`--breakdown`).</summary>
        public void RunOursOnce(GeneratedCorpus corpus)
        {
            _corpusReferences = corpus.References;
            if (!_parsed.TryGetValue(corpus, out var trees))
            {
                _parsed[corpus] = trees = corpus.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, _parseOptions, path: f.Path)).ToImmutableArray();
            }

            Collect();
            var cwa = WithAnalyzers(Compile(trees), _ours.Analyzers, out var errors);
            _ = cwa.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (!errors.IsEmpty)
            {
                throw new InvalidOperationException("an analyzer threw: " + string.Join("; ", errors));
            }
        }

        private readonly Dictionary<GeneratedCorpus, ImmutableArray<SyntaxTree>> _parsed = new Dictionary<GeneratedCorpus, ImmutableArray<SyntaxTree>>();

        public CorpusResult Run(GeneratedCorpus corpus)
        {
            var result = new CorpusResult(corpus);
            _corpusReferences = corpus.References;
            var sw = Stopwatch.StartNew();
            var trees = corpus.Files
                .Select(f => CSharpSyntaxTree.ParseText(f.Text, _parseOptions, path: f.Path))
                .ToImmutableArray();
            result.ParseMs = sw.Elapsed.TotalMilliseconds;
            _log.WriteLine($"  {corpus.Name}: {corpus.Files.Count} files, {corpus.Lines:N0} lines, parsed in {result.ParseMs:F0} ms");

            // The corpus must compile: an error would make every analyzer skip work and look fast.
            // Real sources (decompiled libraries, say) may keep a few errors: they are counted and reported.
            var errors = Compile(trees).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            result.CompileErrors = errors.Count;
            if (errors.Count > 0 && corpus.Seeded == null)
            {
                _log.WriteLine($"    {errors.Count} compiler errors (real sources: measured anyway), first: {errors[0]}");
            }
            else if (errors.Count > 0)
            {
                foreach (var error in errors.Take(10))
                {
                    _log.WriteLine("    " + error);
                }

                throw new InvalidOperationException($"corpus '{corpus.Name}' does not compile ({errors.Count} errors)");
            }


            var compileRuns = new List<double>();
            var perAnalyzerRuns = new Dictionary<DiagnosticAnalyzer, List<double>>();
            ImmutableArray<Diagnostic> diagnostics = default;
            for (var run = 0; run < _options.Runs; run++)
            {
                Collect();
                sw.Restart();
                Compile(trees).GetDiagnostics();
                compileRuns.Add(sw.Elapsed.TotalMilliseconds);

                Collect();
                var times = RunCombined(trees, out diagnostics, out var exceptions);
                foreach (var kv in times)
                {
                    if (!perAnalyzerRuns.TryGetValue(kv.Key, out var list))
                    {
                        perAnalyzerRuns[kv.Key] = list = new List<double>();
                    }

                    list.Add(kv.Value);
                }

                if (run == 0)
                {
                    result.Exceptions.AddRange(exceptions);
                }

                _log.WriteLine($"    run {run + 1}/{_options.Runs}: compile {compileRuns[run]:F0} ms, ours {_ours.Analyzers.Sum(a => times[a]):F0} ms");
            }

            result.CompileMs = Statistics.Median(compileRuns);
            result.Diagnostics = diagnostics;
            foreach (var set in _sets)
            {
                // Median of per-run sums, not sum of medians: keeps a run's analyzers together.
                result.SetMs[set.Name] = Statistics.Median(Enumerable.Range(0, _options.Runs).Select(r => set.Analyzers.Sum(a => perAnalyzerRuns[a][r])));
                result.ComparableMs[set.Name] = Statistics.Median(Enumerable.Range(0, _options.Runs).Select(r => set.Analyzers.Where(set.IsComparable).Sum(a => perAnalyzerRuns[a][r])));
                var all = diagnostics.Count(d => set.Enabled.Contains(d.Id));
                var comparable = diagnostics.Count(d => set.Comparable.Contains(d.Id));
                result.SetDiagnostics[set.Name] = (all, comparable);
            }

            foreach (var analyzer in _ours.Analyzers)
            {
                result.OursPerAnalyzerMs[analyzer.GetType().Name] = Statistics.Median(perAnalyzerRuns[analyzer]);
            }

            foreach (var id in _ours.Enabled)
            {
                result.OurCounts[id] = (diagnostics.Count(d => d.Id == id), corpus.Seeded != null && corpus.Seeded.TryGetValue(id, out var seeded) ? seeded : 0);
            }

            if (_options.Memory)
            {
                MeasureAlone(trees, result);
            }

            MeasureDocument(trees, corpus.LargeDocumentPath, result);
            return result;
        }

        private CSharpCompilation Compile(ImmutableArray<SyntaxTree> trees)
        {
            var specific = new Dictionary<string, ReportDiagnostic>(StringComparer.Ordinal);
            foreach (var set in _sets)
            {
                foreach (var analyzer in set.Analyzers)
                {
                    foreach (var descriptor in analyzer.SupportedDiagnostics)
                    {
                        // Only the concurrency rules run; everything else the packages carry is off.
                        specific[descriptor.Id] = set.Enabled.Contains(descriptor.Id) ? ReportDiagnostic.Warn : ReportDiagnostic.Suppress;
                    }
                }
            }

            var options = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                specificDiagnosticOptions: specific,
                concurrentBuild: false,
                allowUnsafe: true);
            return CSharpCompilation.Create("Corpus", trees, _references.AddRange(_corpusReferences), options);
        }

        /// <summary>All sets in one single-threaded driver run; returns each analyzer's ExecutionTime in ms.</summary>
        private Dictionary<DiagnosticAnalyzer, double> RunCombined(ImmutableArray<SyntaxTree> trees, out ImmutableArray<Diagnostic> diagnostics, out List<string> exceptions)
        {
            var analyzers = _sets.SelectMany(s => s.Analyzers).ToImmutableArray();
            var cwa = WithAnalyzers(Compile(trees), analyzers, out var errors);
            diagnostics = cwa.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            var times = new Dictionary<DiagnosticAnalyzer, double>();
            foreach (var analyzer in analyzers)
            {
                times[analyzer] = cwa.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;
            }

            exceptions = errors.ToList();
            return times;
        }

        /// <summary>
        /// Binds the referenced assemblies before any analyzer runs: the build does that anyway, and otherwise
        /// the first analyzer that looks up a type (at compilation start) is charged for it (~20-100 ms here).
        /// The System.Object lookup stops at the core library; listing the merged global namespace also reads
        /// every other reference's namespace table, as the compiler does for the first `using System;` (~3 ms
        /// here, else charged to whichever analyzer first asks for a type outside the core library).
        /// </summary>
        internal static void BindReferences(Compilation compilation)
        {
            _ = compilation.GetTypeByMetadataName("System.Object");
            foreach (var unused in compilation.GlobalNamespace.GetNamespaceMembers())
            {
            }
        }

        private static CompilationWithAnalyzers WithAnalyzers(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, out ConcurrentQueue<string> errors)
        {
            BindReferences(compilation);

            var queue = new ConcurrentQueue<string>();
            errors = queue;
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (ex, analyzer, _) => queue.Enqueue(analyzer.GetType().Name + ": " + ex.GetType().Name + ": " + ex.Message),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);
            return compilation.WithAnalyzers(analyzers, options);
        }

        /// <summary>Each set alone against a do-nothing analyzer: extra allocations per file and extra wall time.</summary>
        private void MeasureAlone(ImmutableArray<SyntaxTree> trees, CorpusResult result)
        {
            var baseline = RunAlone(trees, NoOp);
            foreach (var set in _sets)
            {
                if (set.Analyzers == NoOp)
                {
                    continue;
                }

                var (bytes, ms) = RunAlone(trees, set.Analyzers);
                result.BytesPerFile[set.Name] = Math.Max(0, bytes - baseline.Bytes) / (double)trees.Length;
                result.AloneExtraWallMs[set.Name] = ms - baseline.Ms;
            }
        }

        private (long Bytes, double Ms) RunAlone(ImmutableArray<SyntaxTree> trees, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var compilation = Compile(trees);
            Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            WithAnalyzers(compilation, analyzers, out _).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            var ms = sw.Elapsed.TotalMilliseconds;
            return (GC.GetTotalAllocatedBytes(precise: true) - before, ms);
        }

        /// <summary>
        /// IDE latency: semantic diagnostics for one large document of the whole compilation, as the IDE asks
        /// for an open file. A new driver each run (else results are cached); declarations stay warm.
        /// </summary>
        private void MeasureDocument(ImmutableArray<SyntaxTree> trees, string path, CorpusResult result)
        {
            var compilation = Compile(trees);
            compilation.GetDeclarationDiagnostics();
            var tree = trees.First(t => t.FilePath == path);
            result.DocumentLines = tree.GetText().Lines.Count;

            var bind = new List<double>();
            for (var run = 0; run < _options.Runs + 1; run++)
            {
                var clone = compilation.Clone();
                var sw = Stopwatch.StartNew();
                clone.GetSemanticModel(tree).GetDiagnostics();
                bind.Add(sw.Elapsed.TotalMilliseconds);
            }

            result.DocumentBindMs = Statistics.Median(bind.Skip(1));
            result.DocumentDriverMs = DocumentRuns(compilation, tree, NoOp).WallMs;
            foreach (var set in _sets)
            {
                result.DocumentMs[set.Name] = DocumentRuns(compilation, tree, set.Analyzers);
            }
        }

        private (double WallMs, double AnalyzerMs) DocumentRuns(Compilation compilation, SyntaxTree tree, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            {
                var wall = new List<double>();
                var analyzerMs = new List<double>();
                for (var run = 0; run < _options.Runs + 1; run++)
                {
                    var cwa = WithAnalyzers(compilation, analyzers, out _);
                    var model = cwa.Compilation.GetSemanticModel(tree);
                    var sw = Stopwatch.StartNew();
                    cwa.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult();
                    var elapsed = sw.Elapsed.TotalMilliseconds;
                    var executed = analyzers.Sum(a => cwa.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds);
                    if (run > 0)
                    {
                        wall.Add(elapsed);
                        analyzerMs.Add(executed);
                    }
                }

                return (Statistics.Median(wall), Statistics.Median(analyzerMs));
            }
        }

        private static readonly ImmutableArray<DiagnosticAnalyzer> NoOp = ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpAnalyzer());

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        /// <summary>Does nothing on every invocation: the driver's own cost, subtracted from each set run alone.</summary>
        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        internal sealed class NoOpAnalyzer : DiagnosticAnalyzer
        {
            public const string Id = "BENCH0000";

            private static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(Id, "no-op", "no-op", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);

                // Makes the driver bind every body and build its operation tree, as any real rule does, so
                // what a set costs on top of this is its own work. Same kinds as BlockingTaskWaitAnalyzer.
                context.RegisterOperationAction(_ => { }, OperationKind.Invocation, OperationKind.PropertyReference);
            }
        }
    }

    internal static class Statistics
    {
        public static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            if (sorted.Length == 0)
            {
                return double.NaN;
            }

            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    /// <summary>The reference assemblies a real build of the corpus would use (the SDK's targeting pack), else the runtime's.</summary>
    internal static class References
    {
        public static ImmutableArray<MetadataReference> Load()
        {
            var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
            var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
            string? refDir = null;
            if (Directory.Exists(packs))
            {
                refDir = Directory.GetDirectories(packs)
                    .Select(d => Path.Combine(d, "ref", "net" + Environment.Version.Major + ".0"))
                    .Where(Directory.Exists)
                    .OrderBy(d => d, StringComparer.Ordinal)
                    .LastOrDefault();
            }

            var dir = refDir ?? runtimeDir;
            var builder = ImmutableArray.CreateBuilder<MetadataReference>();
            foreach (var dll in Directory.GetFiles(dir, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dll);
                if (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
                    || name == "netstandard.dll" || name == "mscorlib.dll")
                {
                    try
                    {
                        using var stream = File.OpenRead(dll);
                        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
                        if (!pe.HasMetadata)
                        {
                            continue;
                        }
                    }
                    catch (BadImageFormatException)
                    {
                        continue;
                    }

                    builder.Add(MetadataReference.CreateFromFile(dll));
                }
            }

            return builder.ToImmutable();
        }
    }
}
