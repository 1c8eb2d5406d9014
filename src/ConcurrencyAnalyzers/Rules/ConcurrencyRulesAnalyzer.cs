using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using ConcurrencyAnalyzers.AsyncHygiene;
using ConcurrencyAnalyzers.Blocking;
using ConcurrencyAnalyzers.SharedState;
using ConcurrencyAnalyzers.SyncOverAsync;
using ConcurrencyAnalyzers.ThreadPlacement;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.Rules
{
    /// <summary>
    /// The one analyzer the package registers with the compiler. Every rule keeps its own analyzer class
    /// (its logic, its tests, its folder); this class runs them all behind one registration, with one
    /// operation callback per operation kind that calls each rule's callbacks in turn.
    /// Why: the analyzer driver charges every analyzer a fixed cost for each callback it dispatches (about
    /// 2 ms per analyzer on the benchmark's 69,000-line corpus even when the callback returns at once), so
    /// 16 rule analyzers paid it 16 times, and an invocation was dispatched to nine of them.
    /// A rule suppressed everywhere (compilation options, global config and every file's options) is not
    /// started, as the driver would have skipped its own analyzer.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConcurrencyRulesAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Every rule the package ships, in id order. A rule analyzer not listed here never runs.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> CreateRules() => ImmutableArray.Create<DiagnosticAnalyzer>(
            new BlockingTaskWaitAnalyzer(),
            new BlockingCallAnalyzer(),
            new ThreadSleepAnalyzer(),
            new BlockingSynchronizationAnalyzer(),
            new CpuHeavyWorkOnCallerThreadAnalyzer(),
            new LongRunningLoopOnThreadPoolAnalyzer(),
            new BlockingHostedServiceStartAnalyzer(),
            new LongRunningAsyncDelegateAnalyzer(),
            new AsyncVoidMethodAnalyzer(),
            new AsyncLambdaToVoidDelegateAnalyzer(),
            new StartNewWithAsyncDelegateAnalyzer(),
            new DroppedTaskAnalyzer(),
            new TaskCompletionSourceWithoutAsyncContinuationsAnalyzer(),
            new NonAtomicSharedUpdateAnalyzer(),
            new UnsynchronizedCollectionMutationAnalyzer());

        private readonly ImmutableArray<DiagnosticAnalyzer> _rules;

        /// <summary>
        /// Benchmark hook (`--breakdown`): when set, every operation and symbol callback a rule registers is
        /// passed through it with a "Rule/Kind" name, to time and weigh each rule inside this one analyzer.
        /// Read at compilation start only, so it costs nothing per operation when null (always, outside the
        /// benchmark).
        /// </summary>
        internal static ICallbackWrapper? CallbackWrapper { get; set; }

        public ConcurrencyRulesAnalyzer()
        {
            var rules = CreateRules();
            _rules = rules;
            var descriptors = ImmutableArray.CreateBuilder<DiagnosticDescriptor>();
            foreach (var rule in rules)
            {
                descriptors.AddRange(rule.SupportedDiagnostics);
            }

            SupportedDiagnostics = descriptors.ToImmutable();
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);

            var starts = new List<RuleStart>();
            foreach (var rule in _rules)
            {
                rule.Initialize(new RuleInitializationContext(context, rule, starts));
            }

            context.RegisterCompilationStartAction(start =>
            {
                var merged = new Dictionary<OperationKind, List<Action<OperationAnalysisContext>>>();
                var forwarding = new MergingStartContext(start, merged, CallbackWrapper);
                foreach (var ruleStart in starts)
                {
                    if (!IsSuppressedEverywhere(ruleStart.Rule, start.Compilation, start.CancellationToken))
                    {
                        forwarding.CurrentRule = ruleStart.Rule.GetType().Name;
                        ruleStart.Action(forwarding);
                    }
                }

                foreach (var entry in merged)
                {
                    var actions = entry.Value.ToArray();
                    if (actions.Length == 1)
                    {
                        start.RegisterOperationAction(actions[0], entry.Key);
                    }
                    else
                    {
                        start.RegisterOperationAction(new MergedAction(actions).Run, entry.Key);
                    }
                }
            });
        }

        private static bool IsSuppressedEverywhere(DiagnosticAnalyzer rule, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var descriptor in rule.SupportedDiagnostics)
            {
                if (!IsSuppressedEverywhere(descriptor, compilation, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsSuppressedEverywhere(DiagnosticDescriptor descriptor, Compilation compilation, CancellationToken cancellationToken)
        {
            var id = descriptor.Id;
            var provider = compilation.Options.SyntaxTreeOptionsProvider;
            bool suppressed;
            if (compilation.Options.SpecificDiagnosticOptions.TryGetValue(id, out var specific))
            {
                suppressed = specific == ReportDiagnostic.Suppress;
            }
            else if (provider != null && provider.TryGetGlobalDiagnosticValue(id, cancellationToken, out var global))
            {
                suppressed = global == ReportDiagnostic.Suppress;
            }
            else
            {
                suppressed = !descriptor.IsEnabledByDefault;
            }

            if (!suppressed || provider == null)
            {
                return suppressed;
            }

            // A file's own .editorconfig may still turn it on.
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (provider.TryGetDiagnosticValue(tree, id, cancellationToken, out var perTree) && perTree != ReportDiagnostic.Suppress)
                {
                    return false;
                }
            }

            return true;
        }

        private readonly struct RuleStart
        {
            public RuleStart(DiagnosticAnalyzer rule, Action<CompilationStartAnalysisContext> action)
            {
                Rule = rule;
                Action = action;
            }

            public DiagnosticAnalyzer Rule { get; }

            public Action<CompilationStartAnalysisContext> Action { get; }
        }

        /// <summary>One operation callback that runs several rules' callbacks on the same operation.</summary>
        private sealed class MergedAction
        {
            private readonly Action<OperationAnalysisContext>[] _actions;

            public MergedAction(Action<OperationAnalysisContext>[] actions)
            {
                _actions = actions;
            }

            public void Run(OperationAnalysisContext context)
            {
                foreach (var action in _actions)
                {
                    action(context);
                }
            }
        }

        /// <summary>
        /// Handed to a rule's Initialize: its compilation-start actions are kept for the shared start;
        /// anything else it registers goes straight to the driver.
        /// </summary>
        private sealed class RuleInitializationContext : AnalysisContext
        {
            private readonly AnalysisContext _inner;
            private readonly DiagnosticAnalyzer _rule;
            private readonly List<RuleStart> _starts;

            public RuleInitializationContext(AnalysisContext inner, DiagnosticAnalyzer rule, List<RuleStart> starts)
            {
                _inner = inner;
                _rule = rule;
                _starts = starts;
            }

            // ConcurrencyRulesAnalyzer sets these for all rules.
            public override void EnableConcurrentExecution()
            {
            }

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
            {
            }

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => _starts.Add(new RuleStart(_rule, action));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockAction(action);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _inner.RegisterCodeBlockStartAction(action);

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => _inner.RegisterCompilationAction(action);

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _inner.RegisterSemanticModelAction(action);

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => _inner.RegisterSymbolAction(action, symbolKinds);

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => _inner.RegisterSymbolStartAction(action, symbolKind);

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => _inner.RegisterSyntaxNodeAction(action, syntaxKinds);

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _inner.RegisterSyntaxTreeAction(action);

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => _inner.RegisterOperationAction(action, operationKinds);

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(action);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _inner.RegisterOperationBlockStartAction(action);
        }

        /// <summary>
        /// Handed to a rule's compilation-start action: operation actions are merged per kind; everything
        /// else goes straight to the real start context.
        /// </summary>
        private sealed class MergingStartContext : CompilationStartAnalysisContext
        {
            private readonly CompilationStartAnalysisContext _inner;
            private readonly Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> _merged;
            private readonly ICallbackWrapper? _wrapper;

#pragma warning disable RS1012 // The context only forwards: the rules' start actions register through it.
            public MergingStartContext(CompilationStartAnalysisContext inner, Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> merged, ICallbackWrapper? wrapper)
                : base(inner.Compilation, inner.Options, inner.CancellationToken)
            {
                _inner = inner;
                _merged = merged;
                _wrapper = wrapper;
            }
#pragma warning restore RS1012

            /// <summary>The rule whose start action is registering (names the callbacks for the benchmark hook).</summary>
            public string CurrentRule { get; set; } = string.Empty;

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            {
                foreach (var kind in operationKinds)
                {
                    if (!_merged.TryGetValue(kind, out var actions))
                    {
                        _merged[kind] = actions = new List<Action<OperationAnalysisContext>>();
                    }

                    actions.Add(_wrapper == null ? action : _wrapper.Wrap(CurrentRule + "/" + kind, action));
                }
            }

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => _inner.RegisterCompilationEndAction(action);

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _inner.RegisterSemanticModelAction(action);

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
                => _inner.RegisterSymbolAction(_wrapper == null ? action : _wrapper.Wrap(CurrentRule + "/Symbol", action), symbolKinds);

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => _inner.RegisterSymbolStartAction(action, symbolKind);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _inner.RegisterCodeBlockStartAction(action);

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockAction(action);

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _inner.RegisterSyntaxTreeAction(action);

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => _inner.RegisterSyntaxNodeAction(action, syntaxKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _inner.RegisterOperationBlockStartAction(action);

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(action);
        }
    }

    /// <summary>Wraps rule callbacks (see <see cref="ConcurrencyRulesAnalyzer.CallbackWrapper"/>).</summary>
    internal interface ICallbackWrapper
    {
        Action<T> Wrap<T>(string name, Action<T> callback);
    }
}
