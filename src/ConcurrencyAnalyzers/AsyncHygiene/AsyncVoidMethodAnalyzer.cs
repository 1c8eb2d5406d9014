using System.Collections.Concurrent;
using System.Collections.Immutable;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.AsyncHygiene
{
    /// <summary>
    /// CONC0401: async void methods and local functions that are not event handlers. Exempt: the
    /// `(object sender, EventArgs e)` shape, methods subscribed to an event with `+=` in the same type,
    /// overrides and interface implementations (their signature is fixed elsewhere). A method that is
    /// converted to another delegate type (an Action, a timer callback) is reported without a fix,
    /// since its void return is what that delegate needs.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AsyncVoidMethodAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: present when the method is used as a non-event delegate, so no fix is offered.</summary>
        public const string UsedAsDelegateProperty = "UsedAsDelegate";

        /// <summary>Diagnostic property: present when the signature is fixed by an interface (async void Dispose), so no fix is offered.</summary>
        public const string FixedSignatureProperty = "FixedSignature";

        private static readonly ImmutableDictionary<string, string?> UsedAsDelegate = ImmutableDictionary<string, string?>.Empty.Add(UsedAsDelegateProperty, "true");

        private static readonly ImmutableDictionary<string, string?> FixedSignature = ImmutableDictionary<string, string?>.Empty.Add(FixedSignatureProperty, "true");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0401_AsyncVoidMethod);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known.Task == null)
                {
                    return;
                }

                start.RegisterSymbolStartAction(symbolStart => AnalyzeType(symbolStart, known), SymbolKind.NamedType);
                start.RegisterOperationAction(ctx => AnalyzeLocalFunction(ctx, known), OperationKind.LocalFunction);
            });
        }

        private static void AnalyzeType(SymbolStartAnalysisContext context, KnownSymbols known)
        {
            var type = (INamedTypeSymbol)context.Symbol;

            // Candidates: async void members of this type. Almost no type has one, and then nothing is
            // registered for it: no per-type state, no per-operation callbacks, no end action.
            ConcurrentDictionary<IMethodSymbol, byte>? candidates = null;
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method && IsCandidate(method, known))
                {
                    if (!HasFixedSignature(method))
                    {
                        candidates ??= new ConcurrentDictionary<IMethodSymbol, byte>(SymbolEqualityComparer.Default);
                        candidates.TryAdd(method, 0);
                    }
                    else if (IsDisposeImplementation(method))
                    {
                        // `async void Dispose()` returns before disposal ends and crashes the process on
                        // failure; its base is IDisposable, which nobody can fix, so report it here (no fix).
                        candidates ??= new ConcurrentDictionary<IMethodSymbol, byte>(SymbolEqualityComparer.Default);
                        candidates.TryAdd(method, 1);
                    }
                }
            }

            if (candidates == null)
            {
                return;
            }

            // Uses as delegates: true = subscribed to an event (exempt), false = another delegate (no fix).
            var delegateUses = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
            context.RegisterOperationAction(
                ctx =>
                {
                    var method = ((IMethodReferenceOperation)ctx.Operation).Method;
                    if (method.IsAsync && method.ReturnsVoid)
                    {
                        var isEvent = IsEventSubscription((IMethodReferenceOperation)ctx.Operation);
                        delegateUses.AddOrUpdate(method.OriginalDefinition, isEvent, (_, old) => old || isEvent);
                    }
                },
                OperationKind.MethodReference);

            context.RegisterSymbolEndAction(ctx =>
            {
                foreach (var pair in candidates)
                {
                    var properties = pair.Value == 1 ? FixedSignature : ImmutableDictionary<string, string?>.Empty;
                    if (delegateUses.TryGetValue(pair.Key, out var subscribed))
                    {
                        if (subscribed)
                        {
                            continue;
                        }

                        properties = UsedAsDelegate;
                    }

                    Report(ctx.ReportDiagnostic, pair.Key, properties);
                }
            });
        }

        /// <summary>
        /// An async void local function: it can only be referenced inside the body that declares it, so
        /// its delegate uses are found by one walk of that body, done only for a candidate.
        /// </summary>
        private static void AnalyzeLocalFunction(OperationAnalysisContext context, KnownSymbols known)
        {
            var localFunction = ((ILocalFunctionOperation)context.Operation).Symbol;
            if (!IsCandidate(localFunction, known))
            {
                return;
            }

            var root = context.Operation;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation is IMethodReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, localFunction))
                {
                    if (IsEventSubscription(reference))
                    {
                        return;
                    }

                    properties = UsedAsDelegate;
                }
            }

            Report(context.ReportDiagnostic, localFunction, properties);
        }

        private static void Report(System.Action<Diagnostic> report, IMethodSymbol method, ImmutableDictionary<string, string?> properties)
        {
            if (method.Locations.Length == 0 || !method.Locations[0].IsInSource)
            {
                return;
            }

            report(Diagnostic.Create(
                Descriptors.CONC0401_AsyncVoidMethod,
                method.Locations[0],
                properties,
                method.MethodKind == MethodKind.LocalFunction ? "Local function" : "Method",
                method.Name));
        }

        private static bool IsCandidate(IMethodSymbol method, KnownSymbols known)
            => method.IsAsync
               && method.ReturnsVoid
               && (method.MethodKind == MethodKind.Ordinary || method.MethodKind == MethodKind.LocalFunction)
               && !method.IsImplicitlyDeclared
               && !HasErrorParameter(method)
               && !EventHandlers.HasEventHandlerShape(method, known);

        /// <summary>Half-typed code: a parameter of a missing type could be anything, an EventArgs included.</summary>
        private static bool HasErrorParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type.TypeKind == TypeKind.Error)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Overrides and interface implementations cannot change their return type; the base is the place to fix.</summary>
        private static bool HasFixedSignature(IMethodSymbol method)
        {
            if (method.IsOverride || method.ExplicitInterfaceImplementations.Length > 0)
            {
                return true;
            }

            var type = method.ContainingType;
            if (type == null || method.IsStatic || method.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }

            if (type.BaseType?.TypeKind == TypeKind.Error)
            {
                // A missing base type or interface might declare this signature.
                return true;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (@interface.TypeKind == TypeKind.Error)
                {
                    return true;
                }

                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsDisposeImplementation(IMethodSymbol method)
        {
            if (method.Name != "Dispose")
            {
                return false;
            }

            foreach (var @interface in method.ContainingType.AllInterfaces)
            {
                if (@interface.SpecialType == SpecialType.System_IDisposable)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsEventSubscription(IMethodReferenceOperation reference)
        {
            IOperation? current = reference.Parent;
            while (current is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current is IEventAssignmentOperation;
        }
    }
}
