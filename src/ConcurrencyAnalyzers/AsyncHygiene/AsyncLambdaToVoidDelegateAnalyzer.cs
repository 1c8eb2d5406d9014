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
    /// CONC0402: an async lambda or anonymous method converted to a void-returning delegate
    /// (Parallel.For/ForEach/Invoke, List&lt;T&gt;.ForEach, Array.ForEach, Action parameters, timer
    /// callbacks, event subscriptions). Exempt: subscriptions to events of UI framework types, whose
    /// dispatcher runs async void handlers and reports their exceptions.
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class AsyncLambdaToVoidDelegateAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property naming the fix shape: "ParallelForEach" or "ForEach".</summary>
        public const string FixKindProperty = "FixKind";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0402_AsyncLambdaToVoidDelegate);

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

                start.RegisterOperationAction(ctx => Analyze(ctx, known), OperationKind.AnonymousFunction);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            var lambda = (IAnonymousFunctionOperation)context.Operation;
            var symbol = lambda.Symbol;
            if (symbol == null || !symbol.IsAsync || !symbol.ReturnsVoid || lambda.Syntax.ContainsDiagnostics)
            {
                return;
            }

            IOperation? target = lambda.Parent;
            ITypeSymbol? delegateType = null;
            while (target is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
            {
                delegateType ??= target.Type;
                target = target.Parent;
            }

            // A params array of delegates (Parallel.Invoke(params Action[])): the argument is the array.
            if (target is IArrayInitializerOperation { Parent: IArrayCreationOperation { IsImplicit: true } array })
            {
                target = array.Parent;
            }

            if (delegateType == null || delegateType.TypeKind == TypeKind.Error)
            {
                return;
            }

            string where;
            string advice;
            string? fixKind = null;
            switch (target)
            {
                case IEventAssignmentOperation { EventReference: IEventReferenceOperation eventReference }:
                    if (EventHandlers.IsUiEvent(eventReference.Event))
                    {
                        return;
                    }

                    where = "event '" + eventReference.Event.ContainingType.Name + "." + eventReference.Event.Name + "'";
                    advice = "catch every exception inside the handler, or expose an event whose handlers return Task";
                    break;

                case IArgumentOperation { Parent: IInvocationOperation invocation }:
                    var method = invocation.TargetMethod;
                    var containing = method.ContainingType?.OriginalDefinition;
                    where = "'" + (containing?.Name ?? "?") + "." + method.Name + "'";
                    advice = AdviceFor(method, containing, known, out fixKind);
                    break;

                case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                    where = "'new " + (creation.Type?.Name ?? "?") + "(...)'";
                    advice = creation.Type?.Name == "Timer"
                        ? "await a 'PeriodicTimer' in a loop instead"
                        : "pass a synchronous delegate, or an API that accepts 'Func<Task>'";
                    break;

                default:
                    where = "'" + (delegateType?.Name ?? "delegate") + "'";
                    advice = "use a delegate type that returns 'Task' instead";
                    break;
            }

            var properties = fixKind == null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, fixKind);
            var location = lambda.Syntax is AnonymousFunctionExpressionSyntax syntax && syntax.AsyncKeyword.Span.Length > 0
                ? syntax.AsyncKeyword.GetLocation()
                : lambda.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CONC0402_AsyncLambdaToVoidDelegate, location, properties, where, advice));
        }

        private static string AdviceFor(IMethodSymbol method, INamedTypeSymbol? containing, KnownSymbols known, out string? fixKind)
        {
            fixKind = null;
            if (known.Parallel.Is(containing))
            {
                switch (method.Name)
                {
                    case "ForEach":
                        fixKind = "ParallelForEach";
                        return "await 'Parallel.ForEachAsync' instead";
                    case "For":
                        return "await 'Parallel.ForAsync' instead";
                    default:
                        return "await 'Task.WhenAll' over the async work instead";
                }
            }

            if ((KnownSymbols.Is(containing, known.ListOfT) || KnownSymbols.Is(containing, known.Array)) && method.Name == "ForEach")
            {
                fixKind = "ForEach";
                return "use a 'foreach' loop that awaits each item instead";
            }

            return "pass a synchronous delegate, or use an API that accepts 'Func<Task>'";
        }
    }
}
