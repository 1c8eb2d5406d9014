using System.Linq;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace ConcurrencyAnalyzers.Tests.Semantics
{
    /// <summary>The text pre-check may say "maybe" too often, never "no" for a statement that names the name.</summary>
    public class SourceMentionsTests
    {
        private static StatementSyntax[] Statements(string body)
        {
            var tree = CSharpSyntaxTree.ParseText("class C { void M() { " + body + " } }");
            return tree.GetRoot().DescendantNodes().OfType<BlockSyntax>().First().Statements.ToArray();
        }

        [Fact]
        public void Says_no_only_when_neither_name_is_spelled()
        {
            var statements = Statements("await Task.WhenAll(first, second); var other = 1; Use(@first); list.Add(x);");
            Assert.True(SourceMentions.MayMention(statements[0], "first"));
            Assert.True(SourceMentions.MayMention(statements[0], "second"));
            Assert.False(SourceMentions.MayMention(statements[1], "first"));
            Assert.True(SourceMentions.MayMention(statements[2], "first"));
            Assert.False(SourceMentions.MayMention(statements[3], "first"));
            Assert.True(SourceMentions.MayMention(statements[3], "first", "list"));
        }

        [Fact]
        public void Looks_only_inside_the_node_and_not_at_its_trivia()
        {
            var statements = Statements("// first\n Other(); Use(first);");
            Assert.False(SourceMentions.MayMention(statements[0], "first"));
            Assert.True(SourceMentions.MayMention(statements[1], "first"));
        }

        [Fact]
        public void A_backslash_or_a_longer_name_is_a_maybe()
        {
            var statements = Statements("await \\u0066irst; Use(firstOfAll); Write(\"\\n\");");
            Assert.True(SourceMentions.MayMention(statements[0], "first"));
            Assert.True(SourceMentions.MayMention(statements[1], "first"));
            Assert.True(SourceMentions.MayMention(statements[2], "first"));
        }

        [Fact]
        public void A_node_longer_than_the_first_buffer_is_scanned_to_its_end()
        {
            var body = "Use(" + string.Join(" + ", Enumerable.Range(0, 400).Select(i => "a" + i)) + " + last);";
            var statement = Statements(body)[0];
            Assert.True(statement.Span.Length > 1024);
            Assert.True(SourceMentions.MayMention(statement, "last"));
            Assert.False(SourceMentions.MayMention(statement, "missing"));
        }
    }
}
