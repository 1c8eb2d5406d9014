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

            // Any backslash counts: cheaper to find than a `\u` pair, and statements rarely hold one.
            var buffer = CopySpan(text, span, ref t_buffer);
            return Array.IndexOf(buffer, '\\', 0, span.Length) >= 0
                || IndexOf(buffer, span.Length, name, 0) >= 0
                || (!string.IsNullOrEmpty(other) && IndexOf(buffer, span.Length, other!, 0) >= 0);
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

        /// <summary>Where <paramref name="name"/> next occurs in the first <paramref name="length"/> characters, from <paramref name="start"/> on; -1 when it does not.</summary>
        public static int IndexOf(char[] buffer, int length, string name, int start)
        {
            var last = length - name.Length;
            for (var i = start <= last ? Array.IndexOf(buffer, name[0], start, last - start + 1) : -1; i >= 0; i = i < last ? Array.IndexOf(buffer, name[0], i + 1, last - i) : -1)
            {
                var j = 1;
                while (j < name.Length && buffer[i + j] == name[j])
                {
                    j++;
                }

                if (j == name.Length)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Does the text hold a `\u` or `\U` escape, with which an identifier may be spelled unlike its name?</summary>
        public static bool HasUnicodeEscape(char[] buffer, int length)
        {
            for (var i = Array.IndexOf(buffer, '\\', 0, length); i >= 0 && i < length - 1; i = Array.IndexOf(buffer, '\\', i + 1, length - i - 1))
            {
                if (buffer[i + 1] == 'u' || buffer[i + 1] == 'U')
                {
                    return true;
                }
            }

            return false;
        }
    }
}
