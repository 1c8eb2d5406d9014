using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ConcurrencyAnalyzers.Tests.Catalog
{
    /// <summary>Keeps ids, doc pages, release tracking, help links, tests, samples and fixes in step.</summary>
    public class CatalogTests
    {
        [Fact]
        public void The_package_ships_rules()
        {
            Assert.NotEmpty(Repository.Descriptors);
        }

        [Theory]
        [MemberData(nameof(Repository.DescriptorIds), MemberType = typeof(Repository))]
        public void Every_rule_has_a_doc_page_with_the_common_sections(string id)
        {
            var path = Path.Combine(Repository.Root, "docs", "rules", id + ".md");
            Assert.True(File.Exists(path), "missing " + path);
            var text = File.ReadAllText(path);
            Assert.StartsWith("# " + id + ":", text);
            foreach (var section in new[] { "## Why", "## Non-compliant", "## Compliant", "## Options", "## Known limitations", "## Related rules" })
            {
                Assert.True(text.Contains(section, StringComparison.Ordinal), id + ".md lacks section " + section);
            }
        }

        [Theory]
        [MemberData(nameof(Repository.DescriptorIds), MemberType = typeof(Repository))]
        public void Every_rule_has_a_help_link_to_its_page_and_a_message_naming_something(string id)
        {
            var descriptor = Repository.Descriptors.Single(d => d.Id == id);
            Assert.EndsWith("/docs/rules/" + id + ".md", descriptor.HelpLinkUri);
            Assert.StartsWith("Concurrency.", descriptor.Category);
            Assert.Contains("{0}", descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        [Theory]
        [MemberData(nameof(Repository.DescriptorIds), MemberType = typeof(Repository))]
        public void Every_rule_has_a_release_tracking_row(string id)
        {
            var dir = Path.Combine(Repository.Root, "src", "ConcurrencyAnalyzers");
            var rows = File.ReadAllLines(Path.Combine(dir, "AnalyzerReleases.Shipped.md"))
                .Concat(File.ReadAllLines(Path.Combine(dir, "AnalyzerReleases.Unshipped.md")));
            Assert.Contains(rows, line => line.StartsWith(id + " ", StringComparison.Ordinal) || line.StartsWith(id + "|", StringComparison.Ordinal));
        }

        [Theory]
        [MemberData(nameof(Repository.DescriptorIds), MemberType = typeof(Repository))]
        public void Every_rule_has_tests_outside_the_catalogue(string id)
        {
            var testsDir = Path.Combine(Repository.Root, "tests", "ConcurrencyAnalyzers.Tests");
            var hits = Directory.EnumerateFiles(testsDir, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "Catalog" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Count(f => Regex.IsMatch(File.ReadAllText(f), "Diagnostic\\(\"" + id + "\"\\)"));
            Assert.True(hits > 0, "no test expects a diagnostic " + id);
        }

        [Theory]
        [MemberData(nameof(Repository.DescriptorIds), MemberType = typeof(Repository))]
        public void Every_rule_has_a_tagged_sample_line_and_a_readme_row(string id)
        {
            var samples = Path.Combine(Repository.Root, "samples");
            var tagged = Directory.EnumerateFiles(samples, "*.cs", SearchOption.AllDirectories)
                .Any(f => SampleTags.Parse(File.ReadAllLines(f)).Any(t => t.Id == id));
            Assert.True(tagged, "no sample line is tagged // " + id);

            var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
            Assert.Contains("docs/rules/" + id + ".md", readme);
        }

        [Theory]
        [MemberData(nameof(Repository.DescriptorIds), MemberType = typeof(Repository))]
        public void Doc_page_says_whether_a_code_fix_ships_and_it_is_true(string id)
        {
            var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "rules", id + ".md"));
            var row = Regex.Match(text, @"^\|\s*Code fix\s*\|\s*(?<value>[^|]+)\|", RegexOptions.Multiline);
            Assert.True(row.Success, id + ".md has no '| Code fix | ... |' row");
            var saysYes = row.Groups["value"].Value.Trim().StartsWith("Yes", StringComparison.Ordinal);
            var hasFix = Repository.CodeFixes.Any(f => f.FixableDiagnosticIds.Contains(id));
            Assert.True(saysYes == hasFix, id + ".md says code fix '" + row.Groups["value"].Value.Trim() + "' but a fix provider " + (hasFix ? "exists" : "does not exist"));
        }

        [Fact]
        public void Every_option_on_a_rule_page_is_in_the_readme_options_table()
        {
            var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
            var options = Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs", "rules"), "CONC*.md")
                .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"concurrency_analyzers\.(?:CONC\d{4}\.)?(?<name>[a-z_]+)").Select(m => m.Groups["name"].Value))
                .Distinct()
                .ToList();
            Assert.NotEmpty(options);
            foreach (var option in options)
            {
                Assert.True(Regex.IsMatch(readme, @"\| `concurrency_analyzers\.(?:CONC\d{4}\.)?" + option + "`"), "README's options table lacks " + option);
            }
        }

        [Fact]
        public void Every_code_fix_fixes_a_shipped_rule()
        {
            var ids = Repository.Descriptors.Select(d => d.Id).ToHashSet();
            foreach (var fix in Repository.CodeFixes)
            {
                Assert.NotNull(fix.GetFixAllProvider());
                foreach (var fixable in fix.FixableDiagnosticIds)
                {
                    Assert.Contains(fixable, ids);
                }
            }
        }

        [Fact]
        public void The_compiler_loads_one_analyzer_that_runs_every_rule_class_and_every_rule_id()
        {
            // A rule analyzer left out of ConcurrencyRulesAnalyzer.CreateRules would build, pass its own
            // tests and never run for users.
            var shipped = Assert.Single(Repository.Analyzers);
            Assert.IsType<Rules.ConcurrencyRulesAnalyzer>(shipped);
            var registered = Rules.ConcurrencyRulesAnalyzer.CreateRules().Select(r => r.GetType()).ToHashSet();
            var ruleClasses = typeof(Rules.RuleIds).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer).IsAssignableFrom(t) && t != typeof(Rules.ConcurrencyRulesAnalyzer))
                .ToList();
            Assert.NotEmpty(ruleClasses);
            foreach (var ruleClass in ruleClasses)
            {
                Assert.True(registered.Contains(ruleClass), ruleClass.Name + " is not in ConcurrencyRulesAnalyzer.CreateRules");
            }

            var ids = typeof(Rules.RuleIds).GetFields().Select(f => (string)f.GetRawConstantValue()!).OrderBy(x => x).ToList();
            Assert.Equal(ids, shipped.SupportedDiagnostics.Select(d => d.Id).Distinct().OrderBy(x => x).ToList());
        }

        [Fact]
        public void Analyzers_skip_generated_code_and_run_concurrently()
        {
            foreach (var analyzer in Repository.Analyzers)
            {
                var context = new RecordingAnalysisContext();
                analyzer.Initialize(context);
                Assert.True(context.ConcurrentExecution, analyzer.GetType().Name + " does not call EnableConcurrentExecution");
                Assert.Equal(Microsoft.CodeAnalysis.Diagnostics.GeneratedCodeAnalysisFlags.None, context.GeneratedCodeFlags);
            }
        }
    }
}
