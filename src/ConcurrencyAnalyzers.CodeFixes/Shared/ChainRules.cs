using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.CodeFixes.Shared
{
    /// <summary>
    /// Which synchronous methods can become async without breaking code, and what kind of boundary a
    /// method is. Everything here is refusal-first: when in doubt the chain stops and no fix is offered.
    /// </summary>
    internal static class ChainRules
    {
        public static ChainMemberKind Classify(IMethodSymbol method)
        {
            if (IsEventHandler(method))
            {
                return ChainMemberKind.EventHandler;
            }

            if (IsEntryPoint(method))
            {
                return ChainMemberKind.EntryPoint;
            }

            if (IsTestMethod(method))
            {
                return ChainMemberKind.TestMethod;
            }

            return IsControllerAction(method) ? ChainMemberKind.ControllerAction : ChainMemberKind.Ordinary;
        }

        /// <summary>
        /// Refuses what cannot be async or would change meaning: non-ordinary members, virtual / abstract /
        /// override / interface members and implementations outside a family plan (<paramref name="inFamily"/>),
        /// partial, extern, [Conditional], instance methods of structs (an async copy of `this`), ref returns,
        /// ref/in/out/ref-struct/pointer parameters, Task-like return types (the returns would need rewriting),
        /// iterators, unsafe code, ref locals, stackalloc and ref struct locals, thread-affine locks and
        /// TransactionScope in the body.
        /// </summary>
        public static bool CanBecomeAsync(IMethodSymbol method, MethodDeclarationSyntax declaration, SemanticModel model, bool inFamily, CancellationToken cancellationToken)
        {
            if (!(method.MethodKind == MethodKind.Ordinary || (inFamily && method.MethodKind == MethodKind.ExplicitInterfaceImplementation))
                || method.IsAsync || method.IsExtern || method.IsVararg
                || method.ReturnsByRef || method.ReturnsByRefReadonly
                || method.PartialDefinitionPart != null || method.PartialImplementationPart != null
                || declaration.Modifiers.Any(SyntaxKind.PartialKeyword) || declaration.Modifiers.Any(SyntaxKind.UnsafeKeyword)
                || method.ContainingType == null
                || (method.ContainingType.IsValueType && !method.IsStatic)
                || IsInUnsafeType(declaration))
            {
                return false;
            }

            if (!inFamily && NeedsFamily(method))
            {
                return false;
            }

            if (!method.ReturnsVoid && (method.ReturnType.IsRefLikeType || method.ReturnType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer
                || method.ReturnType.TypeKind == TypeKind.Error || IsAwaitable(method.ReturnType)))
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType
                    || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
                {
                    return false;
                }
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "ConditionalAttribute" })
                {
                    return false;
                }
            }

            SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
            if (body == null)
            {
                return inFamily && (method.IsAbstract || method.ContainingType.TypeKind == TypeKind.Interface);
            }

            return BodyCanHostAwait(body, model, cancellationToken);
        }

        /// <summary>
        /// An ASP.NET Core minimal-API handler: a non-async lambda passed as the `Delegate` of a `Map*`
        /// call. The framework awaits a returned task and writes its result the same way, so the lambda
        /// can become async. Not with an explicit return type (it would have to change too).
        /// </summary>
        public static bool IsRouteHandler(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, CancellationToken cancellationToken)
        {
            if (lambda is ParenthesizedLambdaExpressionSyntax { ReturnType: not null }
                || lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }
                || model.GetTypeInfo(lambda, cancellationToken).ConvertedType is not { Name: "Delegate", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
                || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol map
                || !map.Name.StartsWith("Map", System.StringComparison.Ordinal))
            {
                return false;
            }

            var ns = map.ContainingNamespace?.ToDisplayString();
            return (ns == "Microsoft.AspNetCore.Builder" || ns == "Microsoft.AspNetCore.Routing")
                && BodyCanHostAwait(lambda.Body, model, cancellationToken);
        }

        /// <summary>No iterator, unsafe code, ref locals, stackalloc, ref struct locals, thread-affine locks or TransactionScope.</summary>
        private static bool BodyCanHostAwait(SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var node in body.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                switch (node)
                {
                    case YieldStatementSyntax:
                    case UnsafeStatementSyntax:
                    case FixedStatementSyntax:
                    case StackAllocArrayCreationExpressionSyntax:
                    case ImplicitStackAllocArrayCreationExpressionSyntax:
                    case RefTypeSyntax:
                    case RefExpressionSyntax:
                        return false;
                    case InvocationExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
                        when IsThreadAffine(model.GetSymbolInfo(node, cancellationToken).Symbol):
                        return false;
                    case VariableDeclaratorSyntax or SingleVariableDesignationSyntax or ForEachStatementSyntax:
                        if (model.GetDeclaredSymbol(node, cancellationToken) is ILocalSymbol { Type.IsRefLikeType: true })
                        {
                            return false;
                        }

                        if (node is ForEachStatementSyntax forEach
                            && model.GetForEachStatementInfo(forEach).GetEnumeratorMethod?.ReturnType is { IsRefLikeType: true })
                        {
                            return false;
                        }

                        break;
                }
            }

            return true;
        }

        /// <summary>
        /// Locks owned by a thread (Monitor, Mutex, ReaderWriterLock(Slim), SpinLock) and ambient
        /// transactions (TransactionScope) break when the code after an await resumes on another thread.
        /// </summary>
        private static bool IsThreadAffine(ISymbol? symbol)
        {
            var type = symbol?.ContainingType;
            if (type == null)
            {
                return false;
            }

            var ns = type.ContainingNamespace?.ToDisplayString();
            return (ns == "System.Threading" && type.Name is "Monitor" or "Mutex" or "ReaderWriterLock" or "ReaderWriterLockSlim" or "SpinLock")
                || (ns == "System.Transactions" && type.Name == "TransactionScope");
        }

        /// <summary>Task, ValueTask, their generic forms, or anything with a GetAwaiter() of its own.</summary>
        public static bool IsAwaitable(ITypeSymbol type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers("GetAwaiter"))
                {
                    if (member is IMethodSymbol { Parameters.Length: 0, IsStatic: false })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Is the method one of a family that must change together: virtual, abstract, override, an
        /// interface member, or an (implicit or explicit) implementation of one?
        /// </summary>
        public static bool NeedsFamily(IMethodSymbol method)
            => method.IsVirtual || method.IsAbstract || method.IsOverride
                || method.ContainingType?.TypeKind == TypeKind.Interface
                || !method.ExplicitInterfaceImplementations.IsEmpty
                || ImplicitlyImplemented(method).Count > 0;

        /// <summary>The interface members this method implements implicitly in its containing type.</summary>
        public static List<IMethodSymbol> ImplicitlyImplemented(IMethodSymbol method)
        {
            var result = new List<IMethodSymbol>();
            var type = method.ContainingType;
            if (type == null || type.TypeKind == TypeKind.Interface)
            {
                return result;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol interfaceMethod
                        && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod)?.OriginalDefinition, method.OriginalDefinition))
                    {
                        result.Add(interfaceMethod);
                    }
                }
            }

            return result;
        }

        private static bool IsInUnsafeType(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (current is TypeDeclarationSyntax type && type.Modifiers.Any(SyntaxKind.UnsafeKeyword))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>`void Name(object sender, XEventArgs e)`.</summary>
        public static bool IsEventHandler(IMethodSymbol method)
            => method.ReturnsVoid
                && method.Parameters.Length == 2
                && method.Parameters[0].Type.SpecialType == SpecialType.System_Object
                && DerivesFrom(method.Parameters[1].Type, "EventArgs", "System");

        /// <summary>`static void/int Main()` or `Main(string[])`.</summary>
        public static bool IsEntryPoint(IMethodSymbol method)
            => method.IsStatic
                && method.Name == "Main"
                && (method.ReturnsVoid || method.ReturnType.SpecialType == SpecialType.System_Int32)
                && (method.Parameters.Length == 0
                    || (method.Parameters.Length == 1 && method.Parameters[0].Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String }));

        public static bool IsTestMethod(IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                for (var type = attribute.AttributeClass; type != null; type = type.BaseType)
                {
                    var ns = type.ContainingNamespace?.ToDisplayString();
                    switch (type.Name)
                    {
                        case "FactAttribute" or "TheoryAttribute" when ns == "Xunit":
                        case "TestAttribute" or "TestCaseAttribute" or "TestCaseSourceAttribute" or "TheoryAttribute" when ns == "NUnit.Framework":
                        case "TestMethodAttribute" or "DataTestMethodAttribute" when ns == "Microsoft.VisualStudio.TestTools.UnitTesting":
                            return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A public method of a class deriving from ControllerBase (or marked [ApiController]/[Controller]).</summary>
        public static bool IsControllerAction(IMethodSymbol method)
        {
            if (method.DeclaredAccessibility != Accessibility.Public || method.IsStatic)
            {
                return false;
            }

            if (DerivesFrom(method.ContainingType, "ControllerBase", "Microsoft.AspNetCore.Mvc"))
            {
                return true;
            }

            foreach (var attribute in method.ContainingType.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "ApiControllerAttribute" or "ControllerAttribute" } attributeClass
                    && attributeClass.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Mvc")
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DerivesFrom(ITypeSymbol? type, string name, string containingNamespace)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.Name == name && current.ContainingNamespace?.ToDisplayString() == containingNamespace)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
