using System.Collections.Immutable;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Blocking
{
    /// <summary>
    /// CONC0201: a synchronous call that has an awaitable alternative (see <see cref="AwaitableAlternatives"/>),
    /// and a plain `using` of a resource whose DisposeAsync does real work, inside async code.
    /// Task waits are CONC0101's, Thread.Sleep CONC0202's and synchronization primitives CONC0203's.
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class BlockingCallAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: "call" or "using".</summary>
        public const string KindProperty = "Kind";

        /// <summary>Diagnostic property: the name of the awaitable alternative.</summary>
        public const string AlternativeProperty = "Alternative";

        /// <summary>Diagnostic property present when the alternative takes Memory&lt;T&gt; for array, offset, count.</summary>
        public const string ArrayToMemoryProperty = "ArrayToMemory";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0201_BlockingCallInAsyncCode);

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

                var alternatives = new AwaitableAlternatives(known);
                start.RegisterOperationAction(ctx => AnalyzeInvocation(ctx, known, alternatives), OperationKind.Invocation);
                if (known.IAsyncDisposable != null)
                {
                    start.RegisterOperationAction(ctx => AnalyzeUsing(ctx, known, alternatives), OperationKind.Using, OperationKind.UsingDeclaration);
                }
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, KnownSymbols known, AwaitableAlternatives alternatives)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            // Sync code is never reported: a syntax walk up rules it out without symbols. Then most calls have no
            // awaitable twin: answer that (memoized) before walking up to the enclosing function.
            if (method == null || !AsyncContext.MayBeInAsyncCode(invocation.Syntax, context.ContainingSymbol) || !alternatives.MayHaveAlternative(invocation))
            {
                return;
            }

            if (!AsyncContext.IsInAsyncCode(invocation, context.ContainingSymbol, known, out var function))
            {
                return;
            }

            if (!alternatives.TryFind(invocation, context.Options, out var alternative, context.CancellationToken) || alternative == null)
            {
                return;
            }

            if (IsOwnTwin(invocation, alternative, function) || SharedCore.IsOnSyncBranch(invocation.Syntax))
            {
                return;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(KindProperty, "call");
            properties.Add(AlternativeProperty, alternative.Method.Name);
            if (alternative.ArrayToMemory)
            {
                properties.Add(ArrayToMemoryProperty, "true");
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CONC0201_BlockingCallInAsyncCode,
                invocation.Syntax.GetLocation(),
                properties.ToImmutable(),
                (method.ReducedFrom ?? method).ContainingType.Name + "." + method.Name,
                function.KindDisplay,
                function.NameDisplay,
                "await '" + alternative.Display + "' instead"));
        }

        /// <summary>
        /// `FooAsync` calling `Foo` on itself (or a static `Foo` of its type) is the sync/async twin
        /// pair: the alternative would be the method itself.
        /// </summary>
        private static bool IsOwnTwin(IInvocationOperation invocation, AwaitableAlternative alternative, EnclosingFunction function)
        {
            var name = alternative.Method.Name;
            if (function.Symbol?.Name != name && function.ContainingMember?.Name != name)
            {
                return false;
            }

            var method = invocation.TargetMethod;
            if (method.IsStatic && !method.IsExtensionMethod)
            {
                return true;
            }

            var instance = AwaitableAlternatives.StripConversions(invocation.Instance);
            return instance == null || instance is IInstanceReferenceOperation;
        }

        private static void AnalyzeUsing(OperationAnalysisContext context, KnownSymbols known, AwaitableAlternatives alternatives)
        {
            // Only async code is reported: rule out sync members before asking how the resource disposes.
            if (!AsyncContext.MayBeInAsyncCode(context.Operation.Syntax, context.ContainingSymbol))
            {
                return;
            }

            IOperation? resources;
            SyntaxNode? reportOn;
            switch (context.Operation)
            {
                case IUsingOperation { IsAsynchronous: false } statement:
                    resources = statement.Resources;
                    reportOn = statement.Syntax is UsingStatementSyntax usingStatement ? (SyntaxNode?)usingStatement.Declaration ?? usingStatement.Expression : null;
                    break;
                case IUsingDeclarationOperation { IsAsynchronous: false } declaration:
                    resources = declaration.DeclarationGroup;
                    reportOn = declaration.Syntax is LocalDeclarationStatementSyntax local ? local.Declaration : declaration.Syntax;
                    break;
                default:
                    return;
            }

            if (resources == null || reportOn == null)
            {
                return;
            }

            ITypeSymbol? flagged = null;
            if (resources is IVariableDeclarationGroupOperation group)
            {
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        var value = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
                        var type = declarator.Symbol?.Type;
                        if (flagged == null && type != null && alternatives.AsyncDisposalMatters(type, value, context.CancellationToken))
                        {
                            flagged = type;
                        }
                    }
                }
            }
            else if (resources.Type != null && alternatives.AsyncDisposalMatters(resources.Type, resources, context.CancellationToken))
            {
                flagged = resources.Type;
            }

            if (flagged == null)
            {
                return;
            }

            // In a shared core (`FillAsync(IOBehavior ioBehavior)`) `await using` would make its sync callers
            // dispose asynchronously: the advice does not fit, whichever branch the `using` is on.
            if (!AsyncContext.IsInAsyncCode(context.Operation, context.ContainingSymbol, known, out var function)
                || SharedCore.IsOnSyncBranch(context.Operation.Syntax)
                || SharedCore.IsSharedCoreMethod(function.Symbol))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, "using");
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CONC0201_BlockingCallInAsyncCode,
                reportOn.GetLocation(),
                properties,
                flagged.Name + ".Dispose",
                function.KindDisplay,
                function.NameDisplay,
                "use 'await using' instead"));
        }
    }
}
