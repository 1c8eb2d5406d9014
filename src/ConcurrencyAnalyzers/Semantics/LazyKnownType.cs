using System.Threading;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>
    /// A well-known type that is looked up only once a candidate type already has its name. Looking a type up
    /// reads its namespace in every reference, which the compiler never does for namespaces the code does not
    /// use (cryptography, XML, data, compression...); on the benchmark's corpus, eager lookups of such types
    /// were about half of the symbol setup of each compilation.
    /// </summary>
    internal sealed class LazyKnownType
    {
        private readonly Compilation _compilation;
        private readonly string _fullMetadataName;
        private readonly string _name;
        private readonly int _arity;
        private INamedTypeSymbol? _symbol;
        private int _resolved;

        public LazyKnownType(Compilation compilation, string fullMetadataName)
        {
            _compilation = compilation;
            _fullMetadataName = fullMetadataName;
            var start = fullMetadataName.LastIndexOfAny(NameSeparators) + 1;
            var tick = fullMetadataName.IndexOf('`', start);
            _name = tick < 0 ? fullMetadataName.Substring(start) : fullMetadataName.Substring(start, tick - start);
            _arity = tick < 0 ? 0 : int.Parse(fullMetadataName.Substring(tick + 1), System.Globalization.CultureInfo.InvariantCulture);
        }

        private static readonly char[] NameSeparators = { '.', '+' };

        /// <summary>The type, looked up on first use; null when the compilation does not reference it.</summary>
        public INamedTypeSymbol? Symbol
        {
            get
            {
                if (Volatile.Read(ref _resolved) == 0)
                {
                    // Two threads may both look it up; they find the same symbol.
                    _symbol = _compilation.GetTypeByMetadataName(_fullMetadataName);
                    Volatile.Write(ref _resolved, 1);
                }

                return _symbol;
            }
        }

        /// <summary>Whether the lookup has run (for tests: a name that never matched must not cost a lookup).</summary>
        internal bool IsResolved => Volatile.Read(ref _resolved) != 0;

        /// <summary>Is <paramref name="symbol"/> this type (as given: pass an original definition to match any construction)?</summary>
        public bool Is(ISymbol? symbol)
            => symbol is INamedTypeSymbol named && named.Arity == _arity && named.Name == _name && KnownSymbols.Is(named, Symbol);

        /// <summary>Is <paramref name="type"/> this type or derived from it?</summary>
        public bool IsBaseOf(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (Is(current.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>A few well-known types, each looked up only once a candidate has its name (see <see cref="LazyKnownType"/>).</summary>
    internal sealed class LazyKnownTypeSet
    {
        private readonly LazyKnownType[] _types;

        public LazyKnownTypeSet(Compilation compilation, params string[] fullMetadataNames)
        {
            _types = new LazyKnownType[fullMetadataNames.Length];
            for (var i = 0; i < fullMetadataNames.Length; i++)
            {
                _types[i] = new LazyKnownType(compilation, fullMetadataNames[i]);
            }
        }

        public bool Contains(ISymbol? symbol)
        {
            foreach (var type in _types)
            {
                if (type.Is(symbol))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
