using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using ConcurrencyAnalyzers.Benchmarks.Corpus;
using ConcurrencyAnalyzers.Benchmarks.Harness;

namespace ConcurrencyAnalyzers.Benchmarks
{
    internal sealed class Options
    {
        /// <summary>Modules (model + repository + service + controller) in the service corpora.</summary>
        public int Modules { get; set; } = 200;

        /// <summary>Forms (form + repository) in the UI corpus.</summary>
        public int Forms { get; set; } = 150;

        public int Runs { get; set; } = 3;

        public bool Peers { get; set; } = true;

        public bool Memory { get; set; } = true;

        public HashSet<string> Corpora { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "clean", "seeded", "ui" };

        public string? Output { get; set; }

        public string? Dump { get; set; }

        /// <summary>`--sources DIR`: measure the code in each folder under DIR instead of the generated corpora.</summary>
        public string? Sources { get; set; }

        public string? References { get; set; }

        /// <summary>`--findings FILE`: every diagnostic of every set, one per line, to review by hand.</summary>
        public string? Findings { get; set; }

        public bool HotPaths { get; set; }

        /// <summary>`--breakdown`: each rule's callbacks inside our one analyzer: calls, time, bytes allocated.</summary>
        public bool Breakdown { get; set; }

        /// <summary>`--per-rule`: our rule analyzers registered one by one, for a per-rule breakdown.</summary>
        public bool PerRule { get; set; }

        /// <summary>Runs of our analyzers alone per corpus for a profiler (`--profile N`); 0: the normal comparison.</summary>
        public int ProfileRuns { get; set; }

        public static Options Parse(string[] args)
        {
            var options = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("missing value after " + args[i]);
                switch (args[i])
                {
                    case "--modules":
                        options.Modules = int.Parse(Next(), CultureInfo.InvariantCulture);
                        break;
                    case "--forms":
                        options.Forms = int.Parse(Next(), CultureInfo.InvariantCulture);
                        break;
                    case "--runs":
                        options.Runs = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture));
                        break;
                    case "--corpus":
                        options.Corpora.Clear();
                        foreach (var name in Next().Split(',', StringSplitOptions.RemoveEmptyEntries))
                        {
                            options.Corpora.Add(name.Trim());
                        }

                        break;
                    case "--no-peers":
                        options.Peers = false;
                        break;
                    case "--no-memory":
                        options.Memory = false;
                        break;
                    case "--quick":
                        options.Modules = 60;
                        options.Forms = 40;
                        options.Runs = 1;
                        break;
                    case "--out":
                        options.Output = Next();
                        break;
                    case "--per-rule":
                        options.PerRule = true;
                        break;
                    case "--hot-paths":
                        options.HotPaths = true;
                        break;
                    case "--breakdown":
                        options.Breakdown = true;
                        options.Peers = false;
                        break;
                    case "--profile":
                        options.ProfileRuns = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture));
                        options.Peers = false;
                        break;
                    case "--sources":
                        options.Sources = Next();
                        break;
                    case "--refs":
                        options.References = Next();
                        break;
                    case "--findings":
                        options.Findings = Next();
                        break;
                    case "--dump":
                        options.Dump = Next();
                        break;
                    case "-h":
                    case "--help":
                        Console.WriteLine(@"ConcurrencyAnalyzers.Benchmarks: our analyzers vs the compiler and peer analyzers on generated code.
  --modules N     service-corpus size in modules of 4 files (default 200)
  --forms N       UI-corpus size in forms of 2 files (default 150)
  --runs N        measured runs per figure, the median is reported (default 3)
  --corpus LIST   any of clean,seeded,ui (default all)
  --no-peers      only our analyzers
  --no-memory     skip the per-set allocation runs
  --quick         small corpora, one run (a smoke test of the harness)
  --out FILE      also write the Markdown report to FILE
  --dump DIR      write the generated corpora as .cs files to DIR (to inspect them)
  --sources DIR   measure real code instead: each folder under DIR is a corpus (its *.cs files); no
                  counts are checked, compiler errors are counted and reported
  --refs DIR      with --sources: assemblies the sources need (all *.dll there except the one named
                  like the corpus folder)
  --findings FILE write every diagnostic of every set (corpus, set, id, file:line, message, code) as TSV
  --hot-paths     time our shared semantics step by step on each corpus instead of the comparison
  --breakdown     our analyzer alone, each rule's callbacks per operation kind: calls, time and bytes
                  allocated (the allocation figures are exact), median of --runs
  --per-rule      register each of our rule analyzers on its own (each pays the driver's per-analyzer
                  cost again) to see every rule's share
  --profile N     only run our analyzers N times per corpus (after one warm-up run), for a profiler such as
                  dotnet-trace: the trace then holds little but our analyzers' work");
                        Environment.Exit(0);
                        break;
                    default:
                        throw new ArgumentException("unknown option " + args[i] + " (try --help)");
                }
            }

            return options;
        }
    }

    internal static class Program
    {
        private static int Main(string[] args)
        {
            var options = Options.Parse(args);
            var log = Console.Error;
            var problems = new List<string>();
            var ours = AnalyzerSets.Ours(options.PerRule);
            var peers = options.Peers ? AnalyzerSets.Peers(problems) : new List<AnalyzerSet>();
            foreach (var problem in problems)
            {
                log.WriteLine("warning: " + problem);
            }

            log.WriteLine($"ours: {ours.Analyzers.Length} analyzers, rules {string.Join(" ", ours.Enabled.OrderBy(x => x, StringComparer.Ordinal))}");
            foreach (var peer in peers)
            {
                log.WriteLine($"{peer.Name} {peer.Version}: {peer.Analyzers.Length} analyzers, rules {string.Join(" ", peer.Enabled.OrderBy(x => x, StringComparer.Ordinal))}");
            }

            var supported = new HashSet<string>(ours.Enabled, StringComparer.Ordinal);
            var corpora = new List<GeneratedCorpus>();
            if (options.Sources != null)
            {
                corpora.AddRange(SourceCorpus.Load(options.Sources, options.References));
            }
            else
            {
                if (options.Corpora.Contains("clean"))
                {
                    corpora.Add(CorpusGenerator.Services(options.Modules, seeded: false, supported));
                }

                if (options.Corpora.Contains("seeded"))
                {
                    corpora.Add(CorpusGenerator.Services(options.Modules, seeded: true, supported));
                }

                if (options.Corpora.Contains("ui"))
                {
                    corpora.Add(CorpusGenerator.Ui(options.Forms, supported));
                }
            }

            if (options.Dump != null)
            {
                foreach (var corpus in corpora)
                {
                    foreach (var (path, text) in corpus.Files)
                    {
                        var target = Path.Combine(options.Dump, corpus.Name.Replace(' ', '-'), path);
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        File.WriteAllText(target, text);
                    }
                }
            }

            if (options.HotPaths)
            {
                foreach (var corpus in corpora)
                {
                    Console.WriteLine($"{corpus.Name} ({corpus.Files.Count} files, {corpus.Lines:N0} lines):");
                    Console.WriteLine(HotPaths.Run(corpus, Math.Max(3, options.Runs)));
                }

                return 0;
            }

            var runner = new Runner(options, ours, peers, log);
            if (options.ProfileRuns > 0)
            {
                foreach (var corpus in corpora)
                {
                    runner.Profile(corpus, options.ProfileRuns);
                }

                return 0;
            }

            log.WriteLine("warm-up (JIT) on a small seeded corpus and a small UI corpus");
            runner.WarmUp(CorpusGenerator.Services(20, seeded: true, supported));
            runner.WarmUp(CorpusGenerator.Ui(10, supported));
            if (options.Breakdown)
            {
                var tables = new StringBuilder();
                foreach (var corpus in corpora)
                {
                    log.WriteLine("corpus: " + corpus.Name);
                    tables.AppendLine(Breakdown.Run(runner, corpus, options.Runs));
                }

                Console.WriteLine(tables);
                if (options.Output != null)
                {
                    File.WriteAllText(options.Output, tables.ToString());
                }

                return 0;
            }

            var results = new List<CorpusResult>();
            foreach (var corpus in corpora)
            {
                log.WriteLine("corpus: " + corpus.Name);
                results.Add(runner.Run(corpus));
            }

            if (options.Findings != null)
            {
                Findings.Write(options.Findings, runner.Sets, results);
            }

            var report = Report.Write(options, runner.Sets, results);
            Console.WriteLine(report);
            if (options.Output != null)
            {
                File.WriteAllText(options.Output, report);
            }

            if (results.Any(r => !r.CountsMatch))
            {
                Console.Error.WriteLine("FAILED: our diagnostics do not match the seeded counts (or an analyzer threw); the figures above are not valid.");
                return 3;
            }

            return 0;
        }
    }

    /// <summary>`--findings`: one row per diagnostic, so a person can judge each finding against its line of code.</summary>
    internal static class Findings
    {
        public static void Write(string path, IReadOnlyList<AnalyzerSet> sets, List<CorpusResult> results)
        {
            var sb = new StringBuilder();
            sb.AppendLine("corpus\tset\tid\tlocation\tmessage\tcode");
            foreach (var r in results)
            {
                foreach (var d in r.Diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
                {
                    var set = sets.FirstOrDefault(s => s.Enabled.Contains(d.Id))?.Name ?? "?";
                    var span = d.Location.GetLineSpan();
                    var tree = d.Location.SourceTree;
                    var code = tree == null ? "" : tree.GetText().Lines[span.StartLinePosition.Line].ToString().Trim();
                    sb.AppendLine(string.Join("\t", r.Corpus.Name, set, d.Id, $"{span.Path}:{span.StartLinePosition.Line + 1}", Clean(d.GetMessage(CultureInfo.InvariantCulture)), Clean(code)));
                }
            }

            File.WriteAllText(path, sb.ToString());
        }

        private static string Clean(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
    }

    internal static class Report
    {
        public static string Write(Options options, IReadOnlyList<AnalyzerSet> sets, List<CorpusResult> results)
        {
            var ours = sets[0];
            var sb = new StringBuilder();
            sb.AppendLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}, Roslyn {typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version}, GC {(GCSettings.IsServerGC ? "server" : "workstation")}.");
            sb.AppendLine($"Median of {options.Runs} run(s); analyzer time = Roslyn's per-analyzer ExecutionTime in one single-threaded driver run with all sets together; compile = Compilation.GetDiagnostics() without analyzers.");
            sb.AppendLine();
            foreach (var r in results)
            {
                var c = r.Corpus;
                sb.AppendLine($"### {c.Name}: {c.Files.Count:N0} files, {c.Lines:N0} lines; compile {r.CompileMs:N0} ms{(r.CompileErrors > 0 ? $" ({r.CompileErrors} compiler errors)" : "")}");
                sb.AppendLine();
                sb.AppendLine("| analyzers | version | rules | time ms | % of compile | x ours | comparable rules ms | comparable x ours | diagnostics (comparable) | alloc KB/file | IDE: large doc ms (analyzer ms) |");
                sb.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
                var oursMs = r.SetMs[ours.Name];
                var oursComparable = r.ComparableMs[ours.Name];
                foreach (var set in sets)
                {
                    var ms = r.SetMs[set.Name];
                    var cmp = r.ComparableMs[set.Name];
                    var (all, comparable) = r.SetDiagnostics[set.Name];
                    var alloc = r.BytesPerFile.TryGetValue(set.Name, out var b) ? (b / 1024).ToString("N1", CultureInfo.InvariantCulture) : "-";
                    var doc = r.DocumentMs.TryGetValue(set.Name, out var d) ? $"{d.WallMs:N0} ({d.AnalyzerMs:N0})" : "-";
                    sb.AppendLine(string.Join(" | ", new[]
                    {
                        "| " + set.Name,
                        set.Version,
                        set.Enabled.Count.ToString(CultureInfo.InvariantCulture),
                        ms.ToString("N0", CultureInfo.InvariantCulture),
                        Percent(ms / r.CompileMs),
                        Ratio(ms, oursMs),
                        cmp.ToString("N0", CultureInfo.InvariantCulture),
                        Ratio(cmp, oursComparable),
                        $"{all} ({comparable})",
                        alloc,
                        doc + " |",
                    }));
                }

                sb.AppendLine();
                sb.AppendLine($"IDE latency: semantic diagnostics of `{c.LargeDocumentPath}` ({r.DocumentLines:N0} lines) in the whole compilation, new driver per run; binding alone {r.DocumentBindMs:N0} ms, driver with a do-nothing operation analyzer {r.DocumentDriverMs:N0} ms.");
                sb.Append("Ours per analyzer: ");
                sb.AppendLine(string.Join(", ", r.OursPerAnalyzerMs.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value:N1} ms")) + ".");
                if (c.Seeded == null)
                {
                    sb.Append("Our diagnostics (real code, no seeded counts): ");
                    sb.AppendLine(string.Join(", ", r.OurCounts.Where(kv => kv.Value.Reported > 0).Select(kv => $"{kv.Key} {kv.Value.Reported}")) + ".");
                }
                else
                {
                    sb.Append("Our diagnostics (reported/seeded): ");
                    sb.AppendLine(string.Join(", ", r.OurCounts.Select(kv => $"{kv.Key} {kv.Value.Reported}/{kv.Value.Seeded}{(kv.Value.Reported == kv.Value.Seeded ? "" : " MISMATCH")}")) + ".");
                }
                foreach (var ex in r.Exceptions.Distinct().Take(5))
                {
                    sb.AppendLine("Analyzer exception: " + ex);
                }

                sb.AppendLine();
            }

            return sb.ToString();
        }

        private static string Percent(double fraction) => (fraction * 100).ToString("N1", CultureInfo.InvariantCulture) + " %";

        private static string Ratio(double value, double ours)
            => ours <= 0 ? "-" : (value / ours).ToString("N1", CultureInfo.InvariantCulture);
    }
}
