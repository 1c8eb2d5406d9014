using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.Shared
{
    /// <summary>
    /// The code-action cleanup simplifies annotated names but does not add the `using` that
    /// <see cref="Simplifier.AddImportsAnnotation"/> asks for; fixes that introduce framework type names
    /// (see <see cref="TypeSyntaxes"/>) finish with this so `global::System.Threading.Tasks.Task` becomes `Task`.
    /// </summary>
    internal static class ImportsCleanup
    {
        public static Task<Document> AddImportsAsync(Document document, CancellationToken cancellationToken)
            => ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken);
    }
}
