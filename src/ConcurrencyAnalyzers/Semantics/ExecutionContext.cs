using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>The kind of thread a piece of code runs on when it is entered, as far as the code says.</summary>
    internal enum CallerThread
    {
        /// <summary>Library code or anything not recognised: nobody knows who calls it.</summary>
        Unknown,

        /// <summary>An ASP.NET Core request: controller action, minimal-API handler, Razor Page handler, SignalR hub method, gRPC service method.</summary>
        Request,

        /// <summary>A UI event handler (WinForms, WPF, MAUI, Avalonia, WinUI): the UI thread.</summary>
        Ui,

        /// <summary>An async console/program entry point (`async Task Main`, top-level statements with awaits).</summary>
        Startup,

        /// <summary>A hosted-service start path: `BackgroundService.ExecuteAsync` or `IHostedService.StartAsync`.</summary>
        HostedServiceStart,
    }

    /// <summary>
    /// Where code runs: console entry point, request handler, UI event handler, hosted-service start,
    /// library code. Rules use it to decide whether blocking there hurts and which fix is right.
    /// Recognition is by symbols (base types, attributes, the extension method a lambda is handed to),
    /// never by type names, except for the user's own extra entry points named in `.editorconfig`.
    /// </summary>
    internal static class ExecutionContext
    {
        /// <summary>`.editorconfig` option naming extra entry points (attribute names or method names, `Type.Method` allowed).</summary>
        public const string EntryPointsOption = "entry_points";

        /// <summary>
        /// A synchronous console `Main` (or top-level statements) or a local function declared in it:
        /// there is no SynchronizationContext, so a blocking wait cannot deadlock there.
        /// </summary>
        public static bool IsConsoleEntryPoint(EnclosingFunction function)
        {
            if (function.Kind == FunctionKind.Lambda)
            {
                return false;
            }

            var member = function.ContainingMember as IMethodSymbol;
            return member != null && IsMainLike(member);
        }

        private static bool IsMainLike(IMethodSymbol method)
        {
            if (!method.IsStatic || method.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            // Top-level statements compile into a synthesized entry point named "<Main>$".
            return method.Name == "Main" || method.Name == "<Main>$";
        }

        /// <summary>
        /// Where the body of <paramref name="function"/> starts running. Only the function itself is
        /// classified: a local function or a lambda that is not a known handler is <see cref="CallerThread.Unknown"/>.
        /// </summary>
        public static CallerThread Classify(EnclosingFunction function, KnownSymbols known, CallerThreadCache cache, ImmutableArray<string> extraEntryPoints)
        {
            switch (function.Kind)
            {
                case FunctionKind.Lambda:
                    return function.FunctionOperation is IAnonymousFunctionOperation lambda ? ClassifyLambda(lambda, known) : CallerThread.Unknown;
                case FunctionKind.Method:
                    if (function.Symbol == null)
                    {
                        return CallerThread.Unknown;
                    }

                    var classified = cache.Classify(function.Symbol, known, extraEntryPoints);
                    return classified == CallerThread.Unknown && cache.IsEndpointMethodGroup(function.Symbol, known)
                        ? CallerThread.Request
                        : classified;
                default:
                    return CallerThread.Unknown;
            }
        }

        /// <summary>A lambda handed to a minimal-API `Map*` method, or subscribed to a UI element's event.</summary>
        public static CallerThread ClassifyLambda(IAnonymousFunctionOperation lambda, KnownSymbols known)
        {
            var parent = lambda.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IArgumentOperation { Parent: IInvocationOperation invocation } && IsEndpointMapping(invocation.TargetMethod, known))
            {
                return CallerThread.Request;
            }

            if (parent is IEventAssignmentOperation { EventReference: IEventReferenceOperation eventReference }
                && (DerivesFromAny(eventReference.Event.ContainingType, known.UiBaseTypes) || EventHandlers.IsUiType(eventReference.Event.ContainingType)))
            {
                return CallerThread.Ui;
            }

            return CallerThread.Unknown;
        }

        /// <summary>`MapGet`, `MapPost`, `MapMethods`, `MapFallback`...: an extension method on IEndpointRouteBuilder taking a handler delegate.</summary>
        public static bool IsEndpointMapping(IMethodSymbol method, KnownSymbols known)
        {
            if (known.EndpointRouteBuilder == null || !method.IsExtensionMethod)
            {
                return false;
            }

            var definition = method.ReducedFrom ?? method;
            if (definition.Parameters.Length == 0)
            {
                return false;
            }

            var receiver = definition.Parameters[0].Type;
            return KnownSymbols.Is(receiver, known.EndpointRouteBuilder) || Implements(receiver, known.EndpointRouteBuilder);
        }

        internal static CallerThread ClassifyMethod(IMethodSymbol method, KnownSymbols known, ImmutableArray<string> extraEntryPoints)
        {
            if (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ExplicitInterfaceImplementation)
            {
                return CallerThread.Unknown;
            }

            if (IsMainLike(method))
            {
                return CallerThread.Startup;
            }

            var type = method.ContainingType;
            if (type == null)
            {
                return CallerThread.Unknown;
            }

            if (IsHostedServiceStart(method, known))
            {
                return CallerThread.HostedServiceStart;
            }

            if (!method.IsStatic && method.DeclaredAccessibility == Accessibility.Public)
            {
                if ((DerivesFrom(type, known.ControllerBase) || HasApiControllerAttribute(type, known)) && !HasAttribute(method, known.NonActionAttribute))
                {
                    return CallerThread.Request;
                }

                if (DerivesFrom(type, known.PageModel) && method.Name.StartsWith("On", StringComparison.Ordinal))
                {
                    return CallerThread.Request;
                }

                if (DerivesFrom(type, known.Hub) || DerivesFromGeneric(type, known.HubOfT))
                {
                    return CallerThread.Request;
                }
            }

            if (method.IsOverride && known.BindServiceMethodAttribute != null)
            {
                for (var overridden = method.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
                {
                    if (HasAttribute(overridden.ContainingType, known.BindServiceMethodAttribute))
                    {
                        return CallerThread.Request;
                    }
                }
            }

            if (IsEventHandlerShape(method, known) && (DerivesFromAny(type, known.UiBaseTypes) || EventHandlers.IsUiType(type)))
            {
                return CallerThread.Ui;
            }

            if (!extraEntryPoints.IsDefaultOrEmpty && IsExtraEntryPoint(method, extraEntryPoints))
            {
                return CallerThread.Request;
            }

            return CallerThread.Unknown;
        }

        /// <summary>An override of `BackgroundService.ExecuteAsync` or an implementation of `IHostedService.StartAsync`.</summary>
        public static bool IsHostedServiceStart(IMethodSymbol method, KnownSymbols known)
        {
            var type = method.ContainingType;
            if (type == null)
            {
                return false;
            }

            if (known.BackgroundService != null && method.IsOverride && method.Name == "ExecuteAsync")
            {
                for (var overridden = method.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
                {
                    if (KnownSymbols.Is(overridden.ContainingType, known.BackgroundService))
                    {
                        return true;
                    }
                }
            }

            // Name first: AllInterfaces builds a new array on every call, and this runs once per method.
            if (known.HostedService != null
                && (method.Name == "StartAsync" || method.Name.EndsWith(".StartAsync", StringComparison.Ordinal))
                && Implements(type, known.HostedService))
            {
                foreach (var member in known.HostedService.GetMembers("StartAsync"))
                {
                    if (member is IMethodSymbol interfaceMethod
                        && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A void `(sender, EventArgs e)` handler; the shape itself is EventHandlers' one definition.</summary>
        public static bool IsEventHandlerShape(IMethodSymbol method, KnownSymbols known)
            => method.ReturnsVoid && EventHandlers.HasEventHandlerShape(method, known);

        private static bool IsExtraEntryPoint(IMethodSymbol method, ImmutableArray<string> names)
        {
            foreach (var name in names)
            {
                if (name == method.Name || name == method.ContainingType.Name + "." + method.Name)
                {
                    return true;
                }
            }

            foreach (var attribute in method.GetAttributes())
            {
                var attributeName = attribute.AttributeClass?.Name;
                if (attributeName == null)
                {
                    continue;
                }

                foreach (var name in names)
                {
                    if (name == attributeName || name + "Attribute" == attributeName)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool HasApiControllerAttribute(INamedTypeSymbol type, KnownSymbols known)
        {
            if (known.ApiControllerAttribute == null)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (HasAttribute(current, known.ApiControllerAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType)
        {
            if (attributeType == null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                for (var current = attribute.AttributeClass; current != null; current = current.BaseType)
                {
                    if (KnownSymbols.Is(current, attributeType))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType == null)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (KnownSymbols.Is(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DerivesFromGeneric(ITypeSymbol? type, INamedTypeSymbol? genericDefinition) => DerivesFrom(type, genericDefinition);

        public static bool DerivesFromAny(ITypeSymbol? type, ImmutableSymbolSet baseTypes)
        {
            if (baseTypes.Count == 0)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (baseTypes.Contains(current.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        internal static bool Implements(ITypeSymbol type, INamedTypeSymbol? interfaceType)
        {
            if (interfaceType == null)
            {
                return false;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (KnownSymbols.Is(implemented.OriginalDefinition, interfaceType))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Per-compilation memo of <see cref="ExecutionContext"/> answers (and of the methods handed to `MapGet`/`MapPost`... as method groups) for methods (the extra entry points are per tree, so they key too).</summary>
    internal sealed class CallerThreadCache
    {
        // Sized for a large project up front: growing a concurrent table takes all its locks and rehashes.
        private readonly ConcurrentDictionary<IMethodSymbol, CallerThread> _plain = new ConcurrentDictionary<IMethodSymbol, CallerThread>(concurrencyLevel: 4, capacity: 4096, SymbolEqualityComparer.Default);

        private ImmutableHashSet<IMethodSymbol>? _endpointMethodGroups;

        /// <summary>
        /// Is the method handed to a minimal-API `Map*` call as a method group (`app.MapGet("/x", Handlers.Get)`)?
        /// Answered from one scan of the compilation's `Map*` calls, done the first time a web project asks.
        /// </summary>
        public bool IsEndpointMethodGroup(IMethodSymbol method, KnownSymbols known)
        {
            if (known.EndpointRouteBuilder == null || method.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            var set = System.Threading.Volatile.Read(ref _endpointMethodGroups);
            if (set == null)
            {
                set = FindEndpointMethodGroups(known);
                System.Threading.Interlocked.CompareExchange(ref _endpointMethodGroups, set, null);
            }

            return set.Contains(method.OriginalDefinition);
        }

        private static ImmutableHashSet<IMethodSymbol> FindEndpointMethodGroups(KnownSymbols known)
        {
            var builder = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
            var compilation = known.Compilation;
            foreach (var tree in compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    // Syntax first (cheap): `x.MapSomething(..., NameOrMember)` with a non-lambda argument.
                    if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax
                        {
                            Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access,
                        } invocation
                        || !access.Name.Identifier.ValueText.StartsWith("Map", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    foreach (var argument in invocation.ArgumentList.Arguments)
                    {
                        if (argument.Expression is not (Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax))
                        {
                            continue;
                        }

#pragma warning disable RS1030 // One model per file that maps endpoints with method groups, once per compilation; the handler's own file is not the one being analyzed.
                        model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                        if (model.GetSymbolInfo(invocation).Symbol is IMethodSymbol mapMethod && ExecutionContext.IsEndpointMapping(mapMethod, known)
                            && HandlerMethod(model, argument.Expression) is { } handler)
                        {
                            builder.Add(handler.OriginalDefinition);
                        }
                    }
                }
            }

            return builder.ToImmutable();
        }

        private static IMethodSymbol? HandlerMethod(SemanticModel model, SyntaxNode expression)
        {
            var info = model.GetSymbolInfo(expression);
            if (info.Symbol is IMethodSymbol chosen)
            {
                return chosen;
            }

            // A method group converted to `Delegate` (natural type) may come back as its single candidate.
            return info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] as IMethodSymbol : null;
        }

        public CallerThread Classify(IMethodSymbol method, KnownSymbols known, ImmutableArray<string> extraEntryPoints)
        {
            if (!extraEntryPoints.IsDefaultOrEmpty)
            {
                return ExecutionContext.ClassifyMethod(method, known, extraEntryPoints);
            }

            if (_plain.TryGetValue(method, out var cached))
            {
                return cached;
            }

            var result = ExecutionContext.ClassifyMethod(method, known, extraEntryPoints);
            _plain.TryAdd(method, result);
            return result;
        }
    }
}
