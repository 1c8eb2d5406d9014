using System;
using System.Collections.Generic;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.SharedState
{
    /// <summary>
    /// Extends the SharedState rules from lambdas to named code: a method or local function of the type
    /// that is handed to a threading API as a method group (`new Thread(Increment)` twice, `Parallel.ForEach(items,
    /// Process)`) or called from concurrent code on the same instance (`Parallel.For(0, n, i => Process(i))`,
    /// two `Task.Run(() => Poll())`) runs concurrently with itself. One level deep, within one type: per named
    /// type, starts and calls are recorded, candidate updates in straight method code are queued, and the
    /// queue is checked at the end of the type.
    /// </summary>
    internal static class ConcurrentFunctions
    {
        public static void Register(
            CompilationStartAnalysisContext start,
            KnownSymbols known,
            Func<IOperation, bool> isCandidate,
            Func<IOperation, ConcurrentRegion, Compilation, Diagnostic?> check,
            params OperationKind[] candidateKinds)
        {
            start.RegisterSymbolStartAction(
                symbolStart =>
                {
                    var type = (INamedTypeSymbol)symbolStart.Symbol;
                    var state = new TypeState(type, known);
                    symbolStart.RegisterOperationAction(ctx => state.RecordReference(ctx.Operation, ctx.ContainingSymbol), OperationKind.MethodReference, OperationKind.Invocation);
                    symbolStart.RegisterOperationAction(
                        ctx =>
                        {
                            if (isCandidate(ctx.Operation))
                            {
                                state.Queue(ctx.Operation, ctx.ContainingSymbol);
                            }
                        },
                        candidateKinds);
                    symbolStart.RegisterSymbolEndAction(end => state.Flush(end, check));
                },
                SymbolKind.NamedType);
        }

        private sealed class TypeState
        {
            private readonly INamedTypeSymbol _type;
            private readonly KnownSymbols _known;
            private readonly object _gate = new object();
            private readonly Dictionary<IMethodSymbol, Starts> _starts = new Dictionary<IMethodSymbol, Starts>(SymbolEqualityComparer.Default);
            private readonly List<(IOperation Operation, IMethodSymbol Function, IOperation Body)> _pending = new List<(IOperation, IMethodSymbol, IOperation)>();

            public TypeState(INamedTypeSymbol type, KnownSymbols known)
            {
                _type = type;
                _known = known;
            }

            public void RecordReference(IOperation operation, ISymbol containingSymbol)
            {
                // Cheapest first: a call on another object (`_repository.Get()`) is never one of this type's starts.
                if (operation is IInvocationOperation { Instance: { } receiver } && receiver is not IInstanceReferenceOperation)
                {
                    return;
                }

                if (!SymbolEqualityComparer.Default.Equals(containingSymbol.ContainingType, _type))
                {
                    return;
                }

                IMethodSymbol method;
                IOperation start;
                string display;
                int weight;
                if (operation is IMethodReferenceOperation reference)
                {
                    method = reference.Method;
                    if (!IsOwnFunction(method) || reference.Instance is { } instance && instance is not IInstanceReferenceOperation)
                    {
                        return;
                    }

                    if (method.IsAsync && IsArgumentOfSelectStartingAllAtOnce(reference))
                    {
                        // items.Select(ProcessAsync) given to Task.WhenAll: every call's continuation runs at once.
                        Add(method, reference, 2, "method '" + method.Name + "' (its tasks all run at once through 'Select')", afterFirstAwait: true);
                        return;
                    }

                    if (!DelegateExecution.TryClassifyMethodGroupStart(reference, _known, out var groupStart, out var repeated))
                    {
                        return;
                    }

                    start = groupStart!;
                    weight = repeated ? 2 : 1;
                    display = repeated
                        ? "method '" + method.Name + "' (run by " + DelegateExecution.DescribeStart(start) + ")"
                        : "method '" + method.Name + "' (started more than once)";
                }
                else if (operation is IInvocationOperation invocation)
                {
                    method = invocation.TargetMethod;
                    if (!IsOwnFunction(method) || invocation.Instance is { } instance && instance is not IInstanceReferenceOperation)
                    {
                        return;
                    }

                    if (method.IsAsync && IsInSelectorStartingAllAtOnce(invocation))
                    {
                        // items.Select(i => ProcessAsync(i)) given to Task.WhenAll.
                        Add(method, invocation, 2, "method '" + method.Name + "' (its tasks all run at once through 'Select')", afterFirstAwait: true);
                        return;
                    }

                    if (!DelegateExecution.TryFindConcurrentRegion(invocation, _known, out var region)
                        || SharedMemory.IsSynchronized(invocation, region))
                    {
                        return;
                    }

                    start = invocation;
                    weight = region.Kind == ConcurrencyKind.WithItself ? 2 : 1;
                    display = "method '" + method.Name + "' (called from " + region.Display + ")";
                }
                else
                {
                    return;
                }

                Add(method, start, weight, display, afterFirstAwait: false);
            }

            private void Add(IMethodSymbol method, IOperation start, int weight, string display, bool afterFirstAwait)
            {
                lock (_gate)
                {
                    var found = _starts.TryGetValue(method.OriginalDefinition, out var existing);

                    // Code before the first await only counts when some start runs the whole method concurrently.
                    var onlyAfterAwait = found ? existing.AfterFirstAwaitOnly && afterFirstAwait : afterFirstAwait;
                    _starts[method.OriginalDefinition] = new Starts(existing.Count + weight, existing.Display ?? display, existing.Start ?? start, onlyAfterAwait);
                }
            }

            private bool IsArgumentOfSelectStartingAllAtOnce(IMethodReferenceOperation reference)
            {
                var outer = reference.Parent;
                while (outer is IDelegateCreationOperation or IConversionOperation)
                {
                    outer = outer.Parent;
                }

                return outer is IArgumentOperation argument && DelegateExecution.IsSelectStartingAllAtOnce(argument.Parent, _type);
            }

            private bool IsInSelectorStartingAllAtOnce(IInvocationOperation invocation)
            {
                // i => ProcessAsync(i): the call is the selector's whole body (its returned task is the element).
                var parent = invocation.Parent;
                while (parent is IConversionOperation or IReturnOperation or IBlockOperation)
                {
                    parent = parent.Parent;
                }

                if (parent is not IAnonymousFunctionOperation lambda || lambda.Symbol.IsAsync)
                {
                    return false;
                }

                var outer = lambda.Parent;
                while (outer is IDelegateCreationOperation or IConversionOperation)
                {
                    outer = outer.Parent;
                }

                return outer is IArgumentOperation argument && DelegateExecution.IsSelectStartingAllAtOnce(argument.Parent, _type);
            }

            public void Queue(IOperation operation, ISymbol containingSymbol)
            {
                if (containingSymbol is not IMethodSymbol method || !SymbolEqualityComparer.Default.Equals(method.ContainingType, _type))
                {
                    return;
                }

                // Only straight code of a method or local function: lambdas are the operation-level analysis' business.
                IOperation? body = null;
                IMethodSymbol function = method;
                for (var current = operation.Parent; current != null; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation)
                    {
                        return;
                    }

                    if (current is ILocalFunctionOperation localFunction)
                    {
                        // A local function declared inside a lambda has that lambda's per-run variables in scope: too
                        // subtle to judge, leave it.
                        for (var outer = localFunction.Parent; outer != null; outer = outer.Parent)
                        {
                            if (outer is IAnonymousFunctionOperation)
                            {
                                return;
                            }
                        }

                        body = localFunction;
                        function = localFunction.Symbol;
                        break;
                    }

                    body = current;
                }

                if (body == null || (function.MethodKind != MethodKind.Ordinary && function.MethodKind != MethodKind.LocalFunction))
                {
                    return;
                }

                lock (_gate)
                {
                    _pending.Add((operation, function, body));
                }
            }

            public void Flush(SymbolAnalysisContext context, Func<IOperation, ConcurrentRegion, Compilation, Diagnostic?> check)
            {
                lock (_gate)
                {
                    foreach (var (operation, function, body) in _pending)
                    {
                        if (!_starts.TryGetValue(function.OriginalDefinition, out var starts) || starts.Count < 2 || starts.Start == null)
                        {
                            continue;
                        }

                        if (starts.AfterFirstAwaitOnly)
                        {
                            var firstAwait = DelegateExecution.FirstAwaitEnd(body.Syntax);
                            if (firstAwait < 0 || operation.Syntax.SpanStart < firstAwait)
                            {
                                continue;
                            }
                        }

                        var region = DelegateExecution.FunctionRegion(body, starts.Start, starts.Count >= 2 && starts.Display != null ? starts.Display : "method '" + function.Name + "'");
                        var diagnostic = check(operation, region, context.Compilation);
                        if (diagnostic != null)
                        {
                            context.ReportDiagnostic(diagnostic);
                        }
                    }
                }
            }

            private bool IsOwnFunction(IMethodSymbol method)
                => (method.MethodKind == MethodKind.Ordinary || method.MethodKind == MethodKind.LocalFunction)
                    && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, _type.OriginalDefinition);
        }

        private readonly struct Starts
        {
            public Starts(int count, string? display, IOperation? start, bool afterFirstAwaitOnly)
            {
                Count = count;
                Display = display;
                Start = start;
                AfterFirstAwaitOnly = afterFirstAwaitOnly;
            }

            /// <summary>Only async-Select starts so far: the method body runs concurrently from its first await on.</summary>
            public bool AfterFirstAwaitOnly { get; }

            public int Count { get; }

            public string? Display { get; }

            public IOperation? Start { get; }
        }
    }
}
