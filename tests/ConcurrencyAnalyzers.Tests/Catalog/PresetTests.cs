using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace ConcurrencyAnalyzers.Tests.Catalog
{
    /// <summary>The shipped presets (.globalconfig) cover every rule, and the README's preset table says what they do.</summary>
    public class PresetTests
    {
        private static readonly string[] Modes = { "Recommended", "Strict", "Minimal" };
        private static readonly string[] Kinds = { "Ui", "Server", "Library" };
        private static readonly HashSet<string> Severities = new() { "none", "silent", "suggestion", "warning", "error" };
        private static readonly Regex Entry = new(@"^dotnet_diagnostic\.(?<id>[A-Z]+\d+)\.severity\s*=\s*(?<severity>\w+)\s*$", RegexOptions.Multiline);

        private static string ConfigDir => Path.Combine(Repository.Root, "src", "ConcurrencyAnalyzers.Package", "config");

        private static Dictionary<string, string> Read(string file)
        {
            var text = File.ReadAllText(Path.Combine(ConfigDir, file));
            Assert.Contains("is_global = true", text);
            var entries = new Dictionary<string, string>();
            foreach (Match match in Entry.Matches(text))
            {
                Assert.True(entries.TryAdd(match.Groups["id"].Value, match.Groups["severity"].Value), file + " sets " + match.Groups["id"].Value + " twice");
                Assert.Contains(match.Groups["severity"].Value, Severities);
            }

            return entries;
        }

        [Fact]
        public void Every_mode_sets_every_shipped_rule_and_nothing_else()
        {
            var ids = Repository.Descriptors.Select(d => d.Id).OrderBy(i => i).ToList();
            foreach (var mode in Modes)
            {
                var entries = Read(mode + ".globalconfig");
                Assert.Equal(ids, entries.Keys.OrderBy(i => i).ToList());
            }
        }

        [Fact]
        public void Recommended_is_the_shipped_default_severity()
        {
            var entries = Read("Recommended.globalconfig");
            foreach (var descriptor in Repository.Descriptors)
            {
                var expected = !descriptor.IsEnabledByDefault ? "none" : descriptor.DefaultSeverity switch
                {
                    Microsoft.CodeAnalysis.DiagnosticSeverity.Error => "error",
                    Microsoft.CodeAnalysis.DiagnosticSeverity.Warning => "warning",
                    Microsoft.CodeAnalysis.DiagnosticSeverity.Info => "suggestion",
                    _ => "silent",
                };
                Assert.True(expected == entries[descriptor.Id], descriptor.Id + ": Recommended says " + entries[descriptor.Id] + ", the descriptor " + expected);
            }
        }

        [Fact]
        public void App_kind_files_only_name_shipped_rules()
        {
            var ids = Repository.Descriptors.Select(d => d.Id).ToHashSet();
            foreach (var kind in Kinds)
            {
                foreach (var id in Read("AppKind." + kind + ".globalconfig").Keys)
                {
                    Assert.Contains(id, ids);
                }
            }
        }

        [Fact]
        public void Readme_preset_table_matches_the_shipped_files()
        {
            var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
            var match = Regex.Match(readme, "<!-- presets:begin -->\\s*(?<table>.*?)\\s*<!-- presets:end -->", RegexOptions.Singleline);
            Assert.True(match.Success, "README lacks the <!-- presets:begin --> ... <!-- presets:end --> table");
            var expected = ExpectedTable();
            Assert.True(Normalize(match.Groups["table"].Value) == Normalize(expected), "README preset table is out of date; it should read:\n" + expected);
        }

        private static string ExpectedTable()
        {
            var modes = Modes.ToDictionary(m => m, m => Read(m + ".globalconfig"));
            var kinds = Kinds.ToDictionary(k => k, k => Read("AppKind." + k + ".globalconfig"));
            var builder = new StringBuilder();
            builder.AppendLine("| rule | Recommended | Strict | Minimal | AppKind Ui | AppKind Server | AppKind Library |");
            builder.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var descriptor in Repository.Descriptors)
            {
                var id = descriptor.Id;
                builder.Append("| [").Append(id).Append("](docs/rules/").Append(id).Append(".md) | ")
                    .Append(modes["Recommended"][id]).Append(" | ")
                    .Append(modes["Strict"][id]).Append(" | ")
                    .Append(modes["Minimal"][id]).Append(" | ");
                foreach (var kind in Kinds)
                {
                    builder.Append(kinds[kind].TryGetValue(id, out var severity) ? severity : "(mode)").Append(" | ");
                }

                builder.Length -= 1;
                builder.AppendLine();
            }

            return builder.ToString().TrimEnd();
        }

        private static string Normalize(string table) => string.Join("\n", table.Replace("\r", "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
    }
}
