using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.CodeFixes.Shared
{
    /// <summary>Adds a `using` directive for a namespace a fix starts to use, once, in alphabetical place.</summary>
    internal static class UsingDirectives
    {
        /// <summary>Does <paramref name="typeName"/> already bind to a type of <paramref name="ns"/> at <paramref name="position"/>?</summary>
        public static bool IsInScope(SemanticModel model, int position, string ns, string typeName)
        {
            foreach (var symbol in model.LookupNamespacesAndTypes(position, name: typeName))
            {
                if (symbol is INamedTypeSymbol type && type.ContainingNamespace?.ToDisplayString() == ns)
                {
                    return true;
                }
            }

            return false;
        }

        public static SyntaxNode Add(SyntaxNode root, string ns)
        {
            if (root is not CompilationUnitSyntax unit)
            {
                return root;
            }

            foreach (var existing in unit.Usings)
            {
                if (existing.Alias == null && existing.StaticKeyword.IsKind(SyntaxKind.None) && existing.Name?.ToString() == ns)
                {
                    return root;
                }
            }

            var endOfLine = DetectEndOfLine(unit);
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns))
                .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithTrailingTrivia(endOfLine);

            var usings = unit.Usings;
            var index = 0;
            while (index < usings.Count && usings[index].Alias == null && usings[index].StaticKeyword.IsKind(SyntaxKind.None)
                && string.CompareOrdinal(usings[index].Name?.ToString(), ns) < 0)
            {
                index++;
            }

            if (index == 0 && usings.Count > 0)
            {
                // Keep the file's leading trivia (blank lines, headers) in front of the first directive.
                var first = usings[0];
                directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
                usings = usings.Replace(first, first.WithLeadingTrivia());
            }

            return unit.WithUsings(usings.Insert(index, directive));
        }

        private static SyntaxTrivia DetectEndOfLine(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return SyntaxFactory.LineFeed;
        }
    }
}
