using System.Linq;
using ConcurrencyAnalyzers.Semantics;
using ConcurrencyAnalyzers.Tests.Catalog;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConcurrencyAnalyzers.Tests.Semantics
{
    /// <summary>
    /// A lazily looked-up well-known type must match exactly what an eager lookup matches, and must not look
    /// itself up for candidates whose name or arity already differs.
    /// </summary>
    public class LazyKnownTypeTests
    {
        private const string Source = @"
namespace Mine
{
    public class Regex { }
    public class BlockingCollection { }
    public class MyList<T> : System.Collections.Generic.List<T> { }
    public class AvaloniaObject { }
}
public class Uses
{
    public System.Text.RegularExpressions.Regex? R;
    public System.Collections.Concurrent.BlockingCollection<int>? B;
    public Mine.MyList<string>? L;
}";

        private static (Compilation Compilation, INamedTypeSymbol Uses) Compile()
        {
            var compilation = Robustness.Compile(Source);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return (compilation, compilation.GetTypeByMetadataName("Uses")!);
        }

        private static ITypeSymbol FieldType(INamedTypeSymbol type, string name)
            => ((IFieldSymbol)type.GetMembers(name).Single()).Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);

        [Fact]
        public void Other_names_are_answered_without_a_lookup()
        {
            var (compilation, _) = Compile();
            var regex = new LazyKnownType(compilation, "System.Text.RegularExpressions.Regex");
            Assert.False(regex.Is(compilation.GetSpecialType(SpecialType.System_String)));
            Assert.False(regex.Is(null));
            Assert.False(regex.IsResolved);

            var generic = new LazyKnownType(compilation, "System.Collections.Concurrent.BlockingCollection`1");
            Assert.False(generic.Is(compilation.GetTypeByMetadataName("Mine.BlockingCollection")));
            Assert.False(generic.IsResolved);
        }

        [Fact]
        public void Same_name_matches_only_the_referenced_type()
        {
            var (compilation, uses) = Compile();
            var regex = new LazyKnownType(compilation, "System.Text.RegularExpressions.Regex");
            Assert.False(regex.Is(compilation.GetTypeByMetadataName("Mine.Regex")));
            Assert.True(regex.IsResolved);
            Assert.True(regex.Is(FieldType(uses, "R")));
            Assert.Same(compilation.GetTypeByMetadataName("System.Text.RegularExpressions.Regex"), regex.Symbol);

            var generic = new LazyKnownType(compilation, "System.Collections.Concurrent.BlockingCollection`1");
            Assert.True(generic.Is(FieldType(uses, "B").OriginalDefinition));
            Assert.False(generic.Is(FieldType(uses, "B")));
        }

        [Fact]
        public void Absent_types_and_base_types()
        {
            var (compilation, uses) = Compile();
            var absent = new LazyKnownType(compilation, "Avalonia.AvaloniaObject");
            Assert.False(absent.Is(compilation.GetTypeByMetadataName("Mine.AvaloniaObject")));
            Assert.Null(absent.Symbol);

            var list = new LazyKnownType(compilation, "System.Collections.Generic.List`1");
            Assert.True(list.IsBaseOf(FieldType(uses, "L")));
            Assert.False(list.IsBaseOf(FieldType(uses, "R")));

            var nested = new LazyKnownType(compilation, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter");
            Assert.True(nested.Is(compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter")));

            var set = new LazyKnownTypeSet(compilation, "System.Text.RegularExpressions.Regex", "System.IO.Compression.GZipStream");
            Assert.True(set.Contains(FieldType(uses, "R")));
            Assert.False(set.Contains(compilation.GetTypeByMetadataName("Mine.Regex")));
        }
    }
}
