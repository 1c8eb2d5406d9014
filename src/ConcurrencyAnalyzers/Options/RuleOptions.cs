using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.Options
{
    /// <summary>
    /// Typed `.editorconfig` options. A rule option is read as `concurrency_analyzers.&lt;id&gt;.&lt;name&gt;`
    /// first, then as the global `concurrency_analyzers.&lt;name&gt;`, then falls back to the default.
    /// </summary>
    internal static class RuleOptions
    {
        public const string Prefix = "concurrency_analyzers.";

        // The full option keys, built once: rules read their options for every file, and a concatenation per
        // read was most of what the clean path allocated.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string RuleId, string Name), string> s_ruleKeys =
            new System.Collections.Concurrent.ConcurrentDictionary<(string RuleId, string Name), string>();

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> s_globalKeys =
            new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        private static string RuleKey(string ruleId, string name)
            => s_ruleKeys.TryGetValue((ruleId, name), out var key) ? key : s_ruleKeys.GetOrAdd((ruleId, name), Prefix + ruleId + "." + name);

        private static string GlobalKey(string name)
            => s_globalKeys.TryGetValue(name, out var key) ? key : s_globalKeys.GetOrAdd(name, Prefix + name);

        public static bool TryGetValue(AnalyzerOptions options, SyntaxTree tree, string ruleId, string name, out string value)
            => TryGetValue(options.AnalyzerConfigOptionsProvider.GetOptions(tree), ruleId, name, out value);

        /// <summary>
        /// The same read on a file's options object: files that share every matching `.editorconfig` section, and
        /// all files when none has one, may share that object, so a rule can cache what it read per object.
        /// </summary>
        public static bool TryGetValue(AnalyzerConfigOptions config, string ruleId, string name, out string value)
        {
            if (config.TryGetValue(RuleKey(ruleId, name), out var perRule) && !string.IsNullOrWhiteSpace(perRule))
            {
                value = perRule.Trim();
                return true;
            }

            if (config.TryGetValue(GlobalKey(name), out var global) && !string.IsNullOrWhiteSpace(global))
            {
                value = global.Trim();
                return true;
            }

            value = "";
            return false;
        }

        public static int GetInt(AnalyzerOptions options, SyntaxTree tree, string ruleId, string name, int defaultValue)
            => GetInt(options.AnalyzerConfigOptionsProvider.GetOptions(tree), ruleId, name, defaultValue);

        public static int GetInt(AnalyzerConfigOptions config, string ruleId, string name, int defaultValue)
            => TryGetValue(config, ruleId, name, out var text) && int.TryParse(text, out var value) ? value : defaultValue;

        public static bool GetBool(AnalyzerOptions options, SyntaxTree tree, string ruleId, string name, bool defaultValue)
            => TryGetValue(options, tree, ruleId, name, out var text) && bool.TryParse(text, out var value) ? value : defaultValue;

        /// <summary>A comma- or semicolon-separated list; entries trimmed, empties dropped.</summary>
        public static ImmutableArray<string> GetList(AnalyzerOptions options, SyntaxTree tree, string ruleId, string name)
            => GetList(options.AnalyzerConfigOptionsProvider.GetOptions(tree), ruleId, name);

        public static ImmutableArray<string> GetList(AnalyzerConfigOptions config, string ruleId, string name)
        {
            if (!TryGetValue(config, ruleId, name, out var text))
            {
                return ImmutableArray<string>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var part in text.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var trimmed = part.Trim();
                if (trimmed.Length > 0)
                {
                    builder.Add(trimmed);
                }
            }

            return builder.ToImmutable();
        }
    }
}
