using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using ConcurrencyAnalyzers.Rules;

namespace ConcurrencyAnalyzers.Benchmarks.Harness
{
    /// <summary>
    /// `--breakdown`: inside our one analyzer, each rule's callbacks per operation kind: how often they ran,
    /// their time and the bytes they allocated (GC.GetAllocatedBytesForCurrentThread, exact on .NET, not
    /// sampled). Bytes per call on the clean corpus is what "no per-node allocations" is checked against.
    /// The wrapper's own timestamps add about 40 ns per call to the times, not to the bytes.
    /// </summary>
    internal sealed class Breakdown : ICallbackWrapper
    {
        private readonly ConcurrentDictionary<string, Slot> _slots = new ConcurrentDictionary<string, Slot>(StringComparer.Ordinal);

        public Action<T> Wrap<T>(string name, Action<T> callback)
        {
            var slot = _slots.GetOrAdd(name, _ => new Slot());
            return context =>
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                callback(context);
                slot.Ticks += Stopwatch.GetTimestamp() - start;
                slot.Bytes += GC.GetAllocatedBytesForCurrentThread() - bytes;
                slot.Calls++;
            };
        }

        /// <summary>Per callback: the median over runs of time, and the calls and bytes (the same every run on the same corpus, or nearly).</summary>
        public static string Run(Runner runner, Corpus.GeneratedCorpus corpus, int runs)
        {
            var perRun = new List<Dictionary<string, (long Calls, double Ms, long Bytes)>>();
            for (var run = 0; run <= runs; run++)
            {
                var breakdown = new Breakdown();
                ConcurrencyRulesAnalyzer.CallbackWrapper = breakdown;
                try
                {
                    runner.RunOursOnce(corpus);
                }
                finally
                {
                    ConcurrencyRulesAnalyzer.CallbackWrapper = null;
                }

                if (run > 0)
                {
                    perRun.Add(breakdown._slots.ToDictionary(
                        kv => kv.Key,
                        kv => (kv.Value.Calls, kv.Value.Ticks * 1000.0 / Stopwatch.Frequency, kv.Value.Bytes)));
                }
            }

            var names = perRun.SelectMany(r => r.Keys).Distinct().ToList();
            var rows = names
                .Select(name => (
                    Name: name,
                    Calls: perRun.Max(r => r.TryGetValue(name, out var v) ? v.Calls : 0),
                    Ms: Statistics.Median(perRun.Select(r => r.TryGetValue(name, out var v) ? v.Ms : 0)),
                    Bytes: perRun.Max(r => r.TryGetValue(name, out var v) ? v.Bytes : 0)))
                .OrderByDescending(r => r.Ms)
                .ToList();

            var sb = new StringBuilder();
            sb.AppendLine(CultureInfo.InvariantCulture, $"### {corpus.Name}: {corpus.Files.Count} files, {corpus.Lines:N0} lines; our callbacks, median of {runs} run(s)");
            sb.AppendLine();
            sb.AppendLine("| rule / operation kind | calls | time ms | ns per call | bytes allocated | bytes per call |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var row in rows)
            {
                var perCall = row.Calls == 0 ? 0 : row.Ms * 1e6 / row.Calls;
                var bytesPerCall = row.Calls == 0 ? 0 : (double)row.Bytes / row.Calls;
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {row.Name} | {row.Calls:N0} | {row.Ms:F2} | {perCall:F0} | {row.Bytes:N0} | {bytesPerCall:F1} |");
            }

            var totalCalls = rows.Sum(r => r.Calls);
            var totalBytes = rows.Sum(r => r.Bytes);
            sb.AppendLine(CultureInfo.InvariantCulture, $"| **all** | {totalCalls:N0} | {rows.Sum(r => r.Ms):F2} | {(totalCalls == 0 ? 0 : rows.Sum(r => r.Ms) * 1e6 / totalCalls):F0} | {totalBytes:N0} | {(totalCalls == 0 ? 0 : (double)totalBytes / totalCalls):F2} |");
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Allocated by our callbacks: {totalBytes / 1024.0:F1} KB in all, {totalBytes / 1024.0 / Math.Max(1, corpus.Files.Count):F2} KB per file (compilation-start work, such as the symbol lookups, is not in this table).");
            return sb.ToString();
        }

        private sealed class Slot
        {
            // One driver thread in the benchmark (concurrent execution off), so plain fields suffice.
            public long Ticks;
            public long Bytes;
            public long Calls;
        }
    }
}
