using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>A small read-only set of symbols (nulls dropped) with symbol-identity lookups.</summary>
    internal sealed class ImmutableSymbolSet
    {
        public static readonly ImmutableSymbolSet Empty = new ImmutableSymbolSet(new HashSet<ISymbol>(SymbolEqualityComparer.Default));

        private readonly HashSet<ISymbol> _symbols;

        private ImmutableSymbolSet(HashSet<ISymbol> symbols) => _symbols = symbols;

        public int Count => _symbols.Count;

        public static ImmutableSymbolSet Of(params ISymbol?[] symbols)
        {
            var set = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var symbol in symbols)
            {
                if (symbol != null)
                {
                    set.Add(symbol);
                }
            }

            return new ImmutableSymbolSet(set);
        }

        public static ImmutableSymbolSet Of(IEnumerable<ISymbol?> symbols)
        {
            var set = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var symbol in symbols)
            {
                if (symbol != null)
                {
                    set.Add(symbol);
                }
            }

            return new ImmutableSymbolSet(set);
        }

        public bool Contains(ISymbol? symbol) => symbol != null && _symbols.Contains(symbol);
    }
}
