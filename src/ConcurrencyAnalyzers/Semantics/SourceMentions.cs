using System;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>
    /// A text pre-check before a syntax walk: a node whose source text never spells a name cannot refer to it,
    /// and scanning characters is much cheaper than visiting nodes. Conservative: when the text is not at
    /// hand, or the node holds a backslash (an identifier may be written with \u escapes), it says "maybe".
    /// </summary>
    internal static class SourceMentions
    {
        // One buffer per thread, grown as needed: the check runs for many statements and must not allocate.
        [ThreadStatic]
        private static char[]? t_buffer;

        /// <summary>False only when neither <paramref name="name"/> nor <paramref name="other"/> appears in the node's source text.</summary>
        public static bool MayMention(SyntaxNode node, string name, string? other = null)
        {
            if (name.Length == 0 || !node.SyntaxTree.TryGetText(out var text))
            {
                return true;
            }

            var span = node.Span;
            if (span.End > text.Length)
            {
                return true;
            }

            var buffer = CopySpan(text, span, ref t_buffer);
            return Contains(buffer, span.Length, name) || (!string.IsNullOrEmpty(other) && Contains(buffer, span.Length, other!));
        }

        /// <summary>
        /// The span's characters copied into <paramref name="buffer"/> (a caller's own [ThreadStatic] field, grown
        /// as needed): array reads are much cheaper than SourceText's indexer, a virtual call per character.
        /// </summary>
        public static char[] CopySpan(Microsoft.CodeAnalysis.Text.SourceText text, Microsoft.CodeAnalysis.Text.TextSpan span, ref char[]? buffer)
        {
            if (buffer == null || buffer.Length < span.Length)
            {
                buffer = new char[Math.Max(span.Length, 1024)];
            }

            text.CopyTo(span.Start, buffer, 0, span.Length);
            return buffer;
        }

        private static bool Contains(char[] buffer, int length, string name)
        {
            var first = name[0];
            var last = length - name.Length;
            for (var i = 0; i < length; i++)
            {
                var c = buffer[i];
                if (c == '\\')
                {
                    return true;
                }

                if (c != first || i > last)
                {
                    continue;
                }

                var j = 1;
                while (j < name.Length && buffer[i + j] == name[j])
                {
                    j++;
                }

                if (j == name.Length)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
