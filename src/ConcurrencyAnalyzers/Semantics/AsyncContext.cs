using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>What kind of function body an operation executes in.</summary>
    internal enum FunctionKind
    {
        /// <summary>Not inside any function body (field initializer, attribute argument, ...).</summary>
        None,
        Method,
        LocalFunction,
        Lambda,
        Constructor,
        PropertyAccessor,
        Other,
    }

    /// <summary>The innermost function whose body contains an operation.</summary>
    internal readonly struct EnclosingFunction
    {
        public EnclosingFunction(IMethodSymbol? symbol, IOperation? functionOperation, FunctionKind kind, ISymbol? containingMember, bool inNameOf, bool inExpressionTree)
        {
            Symbol = symbol;
            FunctionOperation = functionOperation;
            Kind = kind;
            ContainingMember = containingMember;
            IsInNameOf = inNameOf;
            IsInExpressionTree = inExpressionTree;
        }

        /// <summary>The method, local function or lambda symbol; null outside function bodies.</summary>
        public IMethodSymbol? Symbol { get; }

        /// <summary>The <see cref="IAnonymousFunctionOperation"/> or <see cref="ILocalFunctionOperation"/>; null for a member body.</summary>
        public IOperation? FunctionOperation { get; }

        public FunctionKind Kind { get; }

        /// <summary>The declared member (method, property, field...) that holds the code.</summary>
        public ISymbol? ContainingMember { get; }

        public bool IsInNameOf { get; }

        /// <summary>Inside a lambda converted to an expression tree: nothing there executes as written.</summary>
        public bool IsInExpressionTree { get; }

        public bool IsAsync => Symbol != null && Symbol.IsAsync;

        /// <summary>Word for messages: "method", "lambda", "local function", "constructor", "property".</summary>
        public string KindDisplay => Kind switch
        {
            FunctionKind.LocalFunction => "local function",
            FunctionKind.Lambda => "lambda",
            FunctionKind.Constructor => "constructor",
            FunctionKind.PropertyAccessor => "property",
            FunctionKind.None => "initializer",
            _ => "method",
        };

        /// <summary>Name for messages: the function's own name, or the member holding the lambda.</summary>
        public string NameDisplay
        {
            get
            {
                if (Kind == FunctionKind.Lambda || Kind == FunctionKind.None)
                {
                    return MemberName(ContainingMember);
                }

                if (Kind == FunctionKind.PropertyAccessor && Symbol?.AssociatedSymbol != null)
                {
                    return Symbol.AssociatedSymbol.Name;
                }

                if (Kind == FunctionKind.Constructor && Symbol != null)
                {
                    return Symbol.ContainingType.Name;
                }

                return Symbol?.Name ?? MemberName(ContainingMember);
            }
        }

        private static string MemberName(ISymbol? member)
        {
            if (member is IMethodSymbol method)
            {
                if (method.MethodKind == MethodKind.Constructor || method.MethodKind == MethodKind.StaticConstructor)
                {
                    return method.ContainingType.Name;
                }

                if (method.AssociatedSymbol != null)
                {
                    return method.AssociatedSymbol.Name;
                }
            }

            return member?.Name ?? "?";
        }
    }

    /// <summary>
    /// Answers "am I in async code?" the one way every rule agrees on: the innermost function decides.
    /// A non-async lambda inside an async method runs wherever its delegate is invoked, so it is not
    /// async code even though its parent is; except a lambda that the API runs inline on the caller's
    /// thread (LINQ, List.ForEach, ConcurrentDictionary.GetOrAdd): that code blocks the caller, so the
    /// enclosing function decides.
    /// </summary>
    internal static class AsyncContext
    {
        public static EnclosingFunction Find(IOperation operation, ISymbol? containingSymbol, KnownSymbols known)
        {
            var inNameOf = false;
            var inExpressionTree = false;
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case INameOfOperation:
                        inNameOf = true;
                        break;
                    case IAnonymousFunctionOperation lambda when !lambda.Symbol.IsAsync && !IsExpressionTreeLambda(lambda, known) && DelegateExecution.RunsInline(lambda, known):
                        break;
                    case IAnonymousFunctionOperation lambda:
                        inExpressionTree |= IsExpressionTreeLambda(lambda, known);
                        // Keep walking for expression-tree and nameof facts, but the innermost function wins.
                        return new EnclosingFunction(lambda.Symbol, lambda, FunctionKind.Lambda, containingSymbol, inNameOf, inExpressionTree || IsInsideExpressionTree(lambda.Parent, known));
                    case ILocalFunctionOperation localFunction:
                        return new EnclosingFunction(localFunction.Symbol, localFunction, FunctionKind.LocalFunction, containingSymbol, inNameOf, inExpressionTree);
                }
            }

            if (containingSymbol is IMethodSymbol method)
            {
                var kind = method.MethodKind switch
                {
                    MethodKind.Constructor or MethodKind.StaticConstructor => FunctionKind.Constructor,
                    MethodKind.PropertyGet or MethodKind.PropertySet => FunctionKind.PropertyAccessor,
                    MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation or MethodKind.UserDefinedOperator
                        or MethodKind.Conversion or MethodKind.Destructor or MethodKind.EventAdd or MethodKind.EventRemove => FunctionKind.Method,
                    _ => FunctionKind.Other,
                };
                return new EnclosingFunction(method, null, kind, method, inNameOf, false);
            }

            return new EnclosingFunction(null, null, FunctionKind.None, containingSymbol, inNameOf, false);
        }

        /// <summary>
        /// False only when no function around <paramref name="syntax"/> can be async: the member is not an async
        /// method and no lambda or local function between them is marked async. A syntax walk up with no symbol
        /// work and no allocation, for rules that report only in async code to ask before anything costlier
        /// (in a mostly synchronous library most calls end here). True means "ask <see cref="IsInAsyncCode"/>".
        /// </summary>
        public static bool MayBeInAsyncCode(SyntaxNode syntax, ISymbol? containingSymbol)
        {
            if (containingSymbol is IMethodSymbol { IsAsync: true })
            {
                return true;
            }

            for (var node = syntax.Parent; node != null; node = node.Parent)
            {
                switch (node)
                {
                    case Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax lambda when lambda.AsyncKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.AsyncKeyword):
                        return true;
                    case Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax localFunction when localFunction.Modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.AsyncKeyword):
                        return true;
                    case Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax:
                        // Top-level statements: their entry point is async when they await; the full check decides.
                        return true;
                    case Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax:
                    case Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }

        /// <summary>Is this operation inside an async method, async local function or async lambda?</summary>
        public static bool IsInAsyncCode(IOperation operation, ISymbol? containingSymbol, KnownSymbols known, out EnclosingFunction function)
        {
            function = Find(operation, containingSymbol, known);
            return function.IsAsync && !function.IsInNameOf && !function.IsInExpressionTree;
        }

        private static bool IsInsideExpressionTree(IOperation? operation, KnownSymbols known)
        {
            for (var current = operation; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && IsExpressionTreeLambda(lambda, known))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsExpressionTreeLambda(IAnonymousFunctionOperation lambda, KnownSymbols known)
        {
            // A lambda converted to Expression<T> is wrapped in a conversion or delegate creation of that type.
            var parent = lambda.Parent;
            if (parent is IDelegateCreationOperation creation)
            {
                return creation.Type is INamedTypeSymbol created && known.ExpressionOfT.Is(created.OriginalDefinition);
            }

            return parent is IConversionOperation conversion
                && conversion.Type is INamedTypeSymbol converted
                && known.ExpressionOfT.Is(converted.OriginalDefinition);
        }
    }
}
