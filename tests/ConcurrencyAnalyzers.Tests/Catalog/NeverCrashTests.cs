using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace ConcurrencyAnalyzers.Tests.Catalog
{
    /// <summary>
    /// An analyzer that throws (AD0001) on half-typed code is a severity-one bug. Every analyzer and every
    /// code fix runs over the repository's own sources, the rule tests' snippets, and fixed-seed mutations
    /// of them (truncations, deleted tokens, unbalanced braces).
    /// </summary>
    public class NeverCrashTests
    {
        [Fact]
        public async Task Analyzers_and_fixes_do_not_throw_on_the_test_snippets()
        {
            var snippets = Robustness.TestSnippets();
            Assert.True(snippets.Count > 10, "expected the rule tests' snippets, found " + snippets.Count);
            var failures = new List<string>();
            var reported = 0;
            foreach (var snippet in snippets)
            {
                var diagnostics = await Robustness.AnalyzeAsync(Robustness.Compile(snippet));
                failures.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
                var ours = diagnostics.Where(d => d.Id.StartsWith("CONC", System.StringComparison.Ordinal)).ToImmutableArrayOrEmpty();
                reported += ours.Length;
                failures.AddRange(await Robustness.RunFixesAsync(snippet, ours));
            }

            Assert.True(reported > 0, "the snippets produced no diagnostics, so the fixes were never exercised");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        }

        [Fact]
        public async Task Analyzers_and_fixes_do_not_throw_on_mutated_snippets()
        {
            var failures = new List<string>();
            var seed = 1;
            foreach (var snippet in Robustness.TestSnippets())
            {
                foreach (var mutant in Robustness.Mutations(snippet, seed++, count: 4))
                {
                    var diagnostics = await Robustness.AnalyzeAsync(Robustness.Compile(mutant));
                    failures.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
                    var ours = diagnostics.Where(d => d.Id.StartsWith("CONC", System.StringComparison.Ordinal)).ToImmutableArrayOrEmpty();
                    failures.AddRange(await Robustness.RunFixesAsync(mutant, ours));
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        }

        [Fact]
        public async Task Analyzers_do_not_throw_on_mutated_repository_sources()
        {
            var failures = new List<string>();
            var seed = 1000;
            foreach (var source in Robustness.SampleAndSourceFiles())
            {
                foreach (var mutant in Robustness.Mutations(source, seed++, count: 4))
                {
                    var diagnostics = await Robustness.AnalyzeAsync(Robustness.Compile(mutant));
                    failures.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        }
    }

    internal static class ImmutableArrayExtensions
    {
        public static System.Collections.Immutable.ImmutableArray<T> ToImmutableArrayOrEmpty<T>(this IEnumerable<T> items)
            => System.Collections.Immutable.ImmutableArray.CreateRange(items);
    }
}
