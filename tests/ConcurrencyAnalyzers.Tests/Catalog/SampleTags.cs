using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace ConcurrencyAnalyzers.Tests.Catalog
{
    internal readonly record struct SampleTag(int Line, string Id);

    /// <summary>Reads the trailing `// CONC0101` (or `// CONC0101 CONC0201`) tags of sample lines; lines are 1-based.</summary>
    internal static class SampleTags
    {
        private static readonly Regex Tag = new Regex(@"//\s*(?<ids>CONC\d{4}(?:[\s,]+CONC\d{4})*)\s*$", RegexOptions.Compiled);
        private static readonly Regex Id = new Regex(@"CONC\d{4}", RegexOptions.Compiled);

        public static IEnumerable<SampleTag> Parse(string[] lines)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                var match = Tag.Match(lines[i]);
                if (!match.Success)
                {
                    continue;
                }

                foreach (Match id in Id.Matches(match.Groups["ids"].Value))
                {
                    yield return new SampleTag(i + 1, id.Value);
                }
            }
        }
    }
}
