using System.Collections.Concurrent;
using System.Collections.Immutable;
using ConcurrencyAnalyzers.Options;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.AsyncHygiene
{
    /// <summary>
    /// CONC0404: a call whose Task / ValueTask (or `ConfigureAwait(...)` awaitable) result is thrown
    /// away by an expression statement. Not reported:
    /// - `_ = Call()`, stored, returned or passed results (they are not expression statements);
    /// - `ContinueWith(..., OnlyOnFaulted)` (options with NotOnRanToCompletion): an error observer attached to another task;
    /// - values that are tasks only because a generic type argument is one (`Interlocked.Exchange(ref _task, null)`,
    ///   `cache.GetOrAdd(...)`): the callee started nothing;
    /// - a project's own extension method on the task itself (`task.ObserveErrors()`, `task.Forget()`);
    /// - calls passed an enum flag named FireAndForget (`db.KeyDeleteAsync(key, CommandFlags.FireAndForget)`);
    /// - NSubstitute call verification (`sub.Received().SendAsync(...)`, `Received.InOrder(() => ...)`);
    /// - `StartNew` returning `Task&lt;Task&gt;`: CONC0403 (or CONC0304 with LongRunning) reports that line;
    /// - methods listed in `.editorconfig` `concurrency_analyzers.CONC0404.fire_and_forget_methods`
    ///   (`Name`, `Type.Name` or `Namespace.Type.Name`, comma-separated): a team's own fire-and-forget APIs.
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class DroppedTaskAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: "Await" when the statement is in async code, "Discard" otherwise.</summary>
        public const string FixKindProperty = "FixKind";

        /// <summary>The `.editorconfig` option listing methods whose task is meant to be dropped.</summary>
        public const string FireAndForgetMethodsOption = "fire_and_forget_methods";

        private static readonly ImmutableDictionary<string, string?> AwaitFix = ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, "Await");
        private static readonly ImmutableDictionary<string, string?> DiscardFix = ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, "Discard");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0404_DroppedTask);

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

                // Options are read once per syntax tree, and only when a diagnostic is about to be reported.
                var ignoredByTree = new ConcurrentDictionary<SyntaxTree, ImmutableArray<string>>();
                // From the call, not the statement: the merged analyzer already dispatches every invocation, so a
                // dropped result costs a parent check instead of one more callback per expression statement.
                start.RegisterOperationAction(ctx => Analyze(ctx, known, ignoredByTree), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known, ConcurrentDictionary<SyntaxTree, ImmutableArray<string>> ignoredByTree)
        {
            // The statement's whole expression: the call itself, or `x?.Call()` with the call as its WhenNotNull.
            var invocation = (IInvocationOperation)context.Operation;
            IOperation expression;
            IExpressionStatementOperation statement;
            switch (invocation.Parent)
            {
                case IExpressionStatementOperation direct:
                    expression = invocation;
                    statement = direct;
                    break;
                case IConditionalAccessOperation { Parent: IExpressionStatementOperation outer } access when access.WhenNotNull == invocation:
                    expression = access;
                    statement = outer;
                    break;
                default:
                    return;
            }

            // Cheapest first: the result type. Void, bool, int, string... (special types) are never tasks: most
            // statements are answered there, before the awaitable-set lookup.
            var type = expression.Type;
            if (type == null || type.SpecialType != SpecialType.None || !(known.IsTaskLike(type) || known.ConfiguredAwaitables.Contains(type.OriginalDefinition)))
            {
                return;
            }

            var method = invocation.TargetMethod;
            if ((method.OriginalDefinition.ReturnType.TypeKind == TypeKind.TypeParameter && method.MethodKind != MethodKind.DelegateInvoke)
                || (method.Name == "ContinueWith" && known.IsTaskLike(method.ContainingType) && RunsOnlyOnFailure(invocation))
                || StartNewCalls.ReturnsTaskOfTask(invocation, known)
                || IsHandOffExtension(method, known)
                || AsksForFireAndForget(invocation)
                || IsMockVerification(invocation, statement))
            {
                return;
            }

            var function = AsyncContext.Find(statement, context.ContainingSymbol, known);
            if (function.IsInNameOf || function.IsInExpressionTree)
            {
                return;
            }

            var tree = statement.Syntax.SyntaxTree;
            // Not GetOrAdd with a lambda: capturing the context would allocate on every statement analyzed.
            if (!ignoredByTree.TryGetValue(tree, out var ignored))
            {
                ignored = RuleOptions.GetList(context.Options, tree, RuleIds.DroppedTask, FireAndForgetMethodsOption);
                ignoredByTree.TryAdd(tree, ignored);
            }

            if (!ignored.IsEmpty && IsListed(method, ignored))
            {
                return;
            }

            var isAsync = function.IsAsync;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CONC0404_DroppedTask,
                expression.Syntax.GetLocation(),
                isAsync ? AwaitFix : DiscardFix,
                NameOf(invocation),
                function.KindDisplay,
                function.NameDisplay,
                isAsync ? "await it" : "await it from async code, or assign it to '_' if it is meant to run unobserved"));
        }

        /// <summary>
        /// `t.ContinueWith(log, TaskContinuationOptions.OnlyOnFaulted)` (any options with
        /// NotOnRanToCompletion): the continuation is an observer attached to a fire-and-forget task, not
        /// new work, and is meant to be dropped.
        /// </summary>
        private static bool RunsOnlyOnFailure(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.Name == "TaskContinuationOptions"
                    && argument.Value.ConstantValue.HasValue
                    && argument.Value.ConstantValue.Value is int flags)
                {
                    // TaskContinuationOptions.NotOnRanToCompletion == 0x10000
                    return (flags & 0x10000) != 0;
                }
            }

            return false;
        }

        /// <summary>
        /// `task.ObserveErrors()`, `task.Forget()`: a project's own extension method that takes the task as
        /// `this` was handed the task to look after; what it returns is the same work. The framework's own
        /// extensions (`Unwrap`) start or expose a different task and stay reported.
        /// </summary>
        private static bool IsHandOffExtension(IMethodSymbol method, KnownSymbols known)
        {
            var definition = method.ReducedFrom ?? (method.IsExtensionMethod ? method : null);
            if (definition == null || definition.Parameters.Length == 0 || !known.IsTaskLike(definition.Parameters[0].Type))
            {
                return false;
            }

            return OutermostNamespace(definition) != "System";
        }

        /// <summary>
        /// `db.KeyDeleteAsync(key, CommandFlags.FireAndForget)`: the API was told not to report back, so
        /// the task it returns carries nothing to observe.
        /// </summary>
        private static bool AsksForFireAndForget(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (AwaitableAlternatives.StripConversions(argument.Value) is IFieldReferenceOperation { Field: { IsConst: true, ContainingType.TypeKind: TypeKind.Enum } field }
                    && field.Name.IndexOf("FireAndForget", System.StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsListed(IMethodSymbol method, ImmutableArray<string> entries)
        {
            var definition = method.ReducedFrom ?? method.OriginalDefinition;
            var typeName = definition.ContainingType?.Name + "." + definition.Name;
            var ns = definition.ContainingType?.ContainingNamespace;
            var fullName = ns == null || ns.IsGlobalNamespace ? typeName : ns.ToDisplayString() + "." + typeName;
            foreach (var entry in entries)
            {
                if (entry == definition.Name || entry == typeName || entry == fullName)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The name people recognise: the called method, the inner call of `X().ConfigureAwait(...)`, or the delegate invoked.</summary>
        private static string NameOf(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Name == "ConfigureAwait" && invocation.Instance is IInvocationOperation inner)
            {
                return NameOf(inner);
            }

            if (method.MethodKind == MethodKind.DelegateInvoke)
            {
                switch (invocation.Instance)
                {
                    case ILocalReferenceOperation local:
                        return local.Local.Name;
                    case IParameterReferenceOperation parameter:
                        return parameter.Parameter.Name;
                    case IFieldReferenceOperation field:
                        return field.Field.Name;
                    case IPropertyReferenceOperation property:
                        return property.Property.Name;
                }
            }

            return method.Name;
        }

        /// <summary>
        /// NSubstitute checks calls by repeating them on `sub.Received()` (or inside `Received.InOrder`):
        /// the "task" returned there is a recorded value, not work.
        /// </summary>
        private static bool IsMockVerification(IInvocationOperation invocation, IOperation statement)
        {
            var receiver = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            while (receiver is IConversionOperation conversion)
            {
                receiver = conversion.Operand;
            }

            if (receiver is IInvocationOperation receiverCall && IsNSubstitute(receiverCall.TargetMethod))
            {
                return true;
            }

            for (var current = statement.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation)
                {
                    var outer = current.Parent;
                    while (outer is IDelegateCreationOperation or IConversionOperation)
                    {
                        outer = outer.Parent;
                    }

                    return outer is IArgumentOperation { Parent: IInvocationOperation call } && IsNSubstitute(call.TargetMethod);
                }
            }

            return false;
        }

        private static bool IsNSubstitute(IMethodSymbol method) => OutermostNamespace(method) == "NSubstitute";

        /// <summary>`System` for System.Threading.Tasks.TaskExtensions.Unwrap; null in the global namespace.</summary>
        private static string? OutermostNamespace(IMethodSymbol method)
        {
            INamespaceSymbol? outermost = null;
            for (var ns = method.ContainingType?.ContainingNamespace; ns != null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
            {
                outermost = ns;
            }

            return outermost?.Name;
        }
    }
}
