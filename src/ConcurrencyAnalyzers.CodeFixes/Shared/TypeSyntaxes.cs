using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.Shared
{
    /// <summary>
    /// Fully qualified names that the simplifier shortens and that add their `using` where missing, so
    /// fixes can name framework types without caring about the document's imports.
    /// </summary>
    internal static class TypeSyntaxes
    {
        /// <summary>`global::System.Threading.Tasks.Task`, reduced to `Task` (adding the using) on cleanup.</summary>
        public static TypeSyntax Task() => Qualified("System.Threading.Tasks.Task");

        public static TypeSyntax CancellationToken() => Qualified("System.Threading.CancellationToken");

        /// <summary>`TaskCreationOptions.&lt;member&gt;`, simplified the same way.</summary>
        public static ExpressionSyntax TaskCreationOptions(string member)
            => SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                Qualified("System.Threading.Tasks.TaskCreationOptions"),
                SyntaxFactory.IdentifierName(member));

        /// <summary>`Task.Run`, `Parallel.ForEachAsync`...: a static member of a System.Threading.Tasks type.</summary>
        public static ExpressionSyntax TasksMember(string type, string member)
            => SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                Qualified("System.Threading.Tasks." + type),
                SyntaxFactory.IdentifierName(member));

        private static TypeSyntax Qualified(string name)
            => SyntaxFactory.ParseTypeName("global::" + name).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
    }
}
