using System.Collections.Immutable;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class AsyncVoidMethodAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: present when the method is used as a non-event delegate, so no fix is offered.</summary>
        public const string UsedAsDelegateProperty = "UsedAsDelegate";

        /// <summary>Diagnostic property: present when the signature is fixed by an interface (async void Dispose) or split over partial declarations, so no fix is offered.</summary>
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

                // Per method body, not per method symbol: an async method always has a body, bodies are fewer than
                // method symbols (accessors, constructors, abstract members...), and the merged analyzer already
                // dispatches method bodies, so this adds no callback of its own.
                start.RegisterOperationAction(ctx => AnalyzeMethod(ctx, known), OperationKind.MethodBody);
                start.RegisterOperationAction(ctx => AnalyzeLocalFunction(ctx, known), OperationKind.LocalFunction);
            });
        }

        /// <summary>
        /// An async void member. Almost no method is one, so its uses as a delegate are looked for only
        /// then, in its own type's declarations (no per-type state, no per-operation callbacks).
        /// </summary>
        private static void AnalyzeMethod(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.ContainingSymbol is not IMethodSymbol method || !IsCandidate(method, known))
            {
                return;
            }

            ImmutableDictionary<string, string?> properties;
            if (method.PartialDefinitionPart != null)
            {
                // `async partial void`: both parts would have to change (and a Task-returning partial method
                // needs an accessibility modifier), so it is reported without a fix.
                properties = FixedSignature;
            }
            else if (!HasFixedSignature(method))
            {
                properties = ImmutableDictionary<string, string?>.Empty;
            }
            else if (IsDisposeImplementation(method))
            {
                // `async void Dispose()` returns before disposal ends and crashes the process on
                // failure; its base is IDisposable, which nobody can fix, so report it here (no fix).
                properties = FixedSignature;
            }
            else
            {
                return;
            }

            switch (FindDelegateUse(method, context.Compilation, context.CancellationToken))
            {
                case DelegateUse.EventSubscription:
                    return;
                case DelegateUse.OtherDelegate:
                    properties = UsedAsDelegate;
                    break;
            }

            Report(context.ReportDiagnostic, method, properties);
        }

        private enum DelegateUse
        {
            None,
            OtherDelegate,
            EventSubscription,
        }

        /// <summary>
        /// How the method is used as a method group in its own type: subscribed to an event anywhere wins.
        /// Names are matched in the syntax first; only matching names are bound.
        /// </summary>
        private static DelegateUse FindDelegateUse(IMethodSymbol method, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            var use = DelegateUse.None;
            foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
            {
                if (!compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is not SimpleNameSyntax name || name.Identifier.ValueText != method.Name)
                    {
                        continue;
                    }

                    if (OperationTree.InvocationOf(name) != null)
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Only for an async void method (rare), only where its name appears: the type's other files are not the one being analyzed.
                    model ??= compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
                    if (model.GetOperation(OperationTree.NamedExpression(name), cancellationToken) is { } operation
                        && OperationTree.DelegateTarget(operation) is IMethodReferenceOperation methodReference
                        && SymbolEqualityComparer.Default.Equals(methodReference.Method.OriginalDefinition, method))
                    {
                        if (IsEventSubscription(methodReference))
                        {
                            return DelegateUse.EventSubscription;
                        }

                        use = DelegateUse.OtherDelegate;
                    }
                }
            }

            return use;
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

            var properties = ImmutableDictionary<string, string?>.Empty;
            foreach (var operation in OperationTree.Root(context.Operation).DescendantsAndSelf())
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
