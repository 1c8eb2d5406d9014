using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>Where a delegate handed to a threading API runs, relative to the code that hands it over.</summary>
    internal enum DelegateRunsOn
    {
        /// <summary>Unknown or same thread (LINQ, List.ForEach, callbacks we know nothing about).</summary>
        Unknown,

        /// <summary>A thread-pool thread: Task.Run, Task.Factory.StartNew without LongRunning, ThreadPool.QueueUserWorkItem, timer callbacks.</summary>
        ThreadPool,

        /// <summary>A thread of its own: new Thread(...), StartNew(..., TaskCreationOptions.LongRunning).</summary>
        DedicatedThread,

        /// <summary>Many invocations at once: Parallel.For/ForEach/ForEachAsync/Invoke, PLINQ ForAll.</summary>
        Parallel,

        /// <summary>
        /// On the caller's thread, during (or, for LINQ, right after) the call: Enumerable.*, List&lt;T&gt;.ForEach,
        /// Array.*, ConcurrentDictionary.GetOrAdd/AddOrUpdate, immutable collections.
        /// </summary>
        Inline,
    }

    /// <summary>How the code of a concurrent region overlaps with other code.</summary>
    internal enum ConcurrencyKind
    {
        /// <summary>Several runs of the same delegate at once (Parallel.For body, Task.Run in a loop).</summary>
        WithItself,

        /// <summary>Only with other delegates started alongside (Parallel.Invoke actions, tasks started once each).</summary>
        WithSiblings,
    }

    /// <summary>A delegate that runs concurrently, the operation that starts it, and the syntax whose variables are per run.</summary>
    internal readonly struct ConcurrentRegion
    {
        /// <param name="display">The message text, or, with <paramref name="afterStartName"/>, the part before the start's name.</param>
        /// <param name="afterStartName">When set, the text is built only when a message needs it: most regions found end in no report.</param>
        public ConcurrentRegion(IOperation body, IOperation start, SyntaxNode scope, ConcurrencyKind kind, string display, string? afterStartName = null)
        {
            Body = body;
            Start = start;
            Scope = scope;
            Kind = kind;
            _display = display;
            _afterStartName = afterStartName;
        }

        private readonly string _display;
        private readonly string? _afterStartName;

        /// <summary>The lambda (an <see cref="IAnonymousFunctionOperation"/>) or, for a method passed as a method group, the root of its body.</summary>
        public IOperation Body { get; }

        public IOperation Start { get; }

        /// <summary>Variables declared inside this syntax are fresh for each concurrent run (not shared).</summary>
        public SyntaxNode Scope { get; }

        public ConcurrencyKind Kind { get; }

        /// <summary>For messages: "a 'Parallel.ForEach' delegate", "a 'Task.Run' delegate started in a loop".</summary>
        public string Display => _afterStartName == null ? _display : _display + DelegateExecution.StartName(Start) + _afterStartName;
    }

    /// <summary>
    /// Answers "where does this lambda run?" for the APIs that start concurrent work. Every rule that
    /// cares about code running on another thread (long-running loops on the pool, races on shared
    /// state, LongRunning with async delegates) asks here.
    /// </summary>
    internal static class DelegateExecution
    {
        /// <summary>Classifies the function (lambda, anonymous method or method group) passed as <paramref name="argument"/>.</summary>
        public static DelegateRunsOn Classify(IArgumentOperation argument, KnownSymbols known)
        {
            if (argument.Parent is IInvocationOperation invocation)
            {
                return ClassifyInvocation(invocation, known);
            }

            if (argument.Parent is IObjectCreationOperation creation)
            {
                var type = creation.Type?.OriginalDefinition;
                if (type == null)
                {
                    return DelegateRunsOn.Unknown;
                }

                if (IsType(type, "Thread", "System.Threading"))
                {
                    return DelegateRunsOn.DedicatedThread;
                }

                if (IsType(type, "Timer", "System.Threading"))
                {
                    return DelegateRunsOn.ThreadPool;
                }

                if (IsType(type, "Task", "System.Threading.Tasks") || (type.Name == "Task" && type is INamedTypeSymbol { Arity: 1 } && IsNamespace(type.ContainingNamespace, "System.Threading.Tasks")))
                {
                    return HasLongRunning(creation.Arguments) ? DelegateRunsOn.DedicatedThread : DelegateRunsOn.ThreadPool;
                }
            }

            return DelegateRunsOn.Unknown;
        }

        /// <summary>Is this lambda invoked on the caller's thread by the API it is passed to (LINQ, List.ForEach...)?</summary>
        public static bool RunsInline(IAnonymousFunctionOperation lambda, KnownSymbols known)
        {
            var outer = lambda.Parent;
            while (outer is IDelegateCreationOperation or IConversionOperation)
            {
                outer = outer.Parent;
            }

            return outer is IArgumentOperation argument && Classify(argument, known) == DelegateRunsOn.Inline;
        }

        /// <summary>Finds the function an operation is in and, if that is a delegate passed to a threading API, where it runs.</summary>
        public static DelegateRunsOn ClassifyEnclosing(IOperation operation, KnownSymbols known, out IAnonymousFunctionOperation? function)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda)
                {
                    function = lambda;
                    var outer = lambda.Parent;
                    while (outer is IDelegateCreationOperation or IConversionOperation)
                    {
                        outer = outer.Parent;
                    }

                    return outer is IArgumentOperation argument ? Classify(argument, known) : DelegateRunsOn.Unknown;
                }

                if (current is ILocalFunctionOperation)
                {
                    break;
                }
            }

            function = null;
            return DelegateRunsOn.Unknown;
        }

        /// <summary>
        /// Is <paramref name="operation"/> in code that runs at the same time as other runs of itself
        /// (a Parallel/PLINQ body, a pool or thread delegate started in a loop or per element) or of a
        /// sibling delegate (another Parallel.Invoke action, another delegate started once in the same
        /// body)? Walks out through the enclosing lambdas: lambdas passed to LINQ-to-objects or ForEach run
        /// inline and are walked through; a delegate started and immediately awaited or waited runs in
        /// step with its caller; a local function or a lambda handed to an unknown API ends the search.
        /// </summary>
        public static bool TryFindConcurrentRegion(IOperation operation, KnownSymbols known, out ConcurrentRegion region)
        {
            ConcurrentRegion? inStep = null;
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is ILocalFunctionOperation or IMethodBodyBaseOperation or IBlockOperation { Parent: null })
                {
                    break;
                }

                if (current is not IAnonymousFunctionOperation lambda)
                {
                    continue;
                }

                var start = FindStart(lambda, out var argument);
                if (start == null)
                {
                    if (IsStoredThenStartedRepeatedly(lambda, known, out var repeatedStart))
                    {
                        region = new ConcurrentRegion(lambda, repeatedStart!, lambda.Syntax, ConcurrencyKind.WithItself, "a '", "' delegate started more than once");
                        return true;
                    }

                    continue;
                }

                var runsOn = Classify(argument!, known);
                switch (runsOn)
                {
                    case DelegateRunsOn.Parallel:
                        if (start is IInvocationOperation { TargetMethod.Name: "Invoke" })
                        {
                            region = new ConcurrentRegion(lambda, start, lambda.Syntax, ConcurrencyKind.WithSiblings, "a 'Parallel.Invoke' action");
                            return true;
                        }

                        region = new ConcurrentRegion(lambda, start, lambda.Syntax, ConcurrencyKind.WithItself, "a '", "' delegate");
                        return true;

                    case DelegateRunsOn.ThreadPool:
                    case DelegateRunsOn.DedicatedThread:
                        if (IsWaitedAtOnce(start, includeStoredAndJoined: false))
                        {
                            // Runs in step with the code that started it: that code decides.
                            continue;
                        }

                        if (IsWaitedAtOnce(start))
                        {
                            // Stored, then joined or awaited before anything else starts: in step with its caller
                            // except for the statements in between; an enclosing concurrent region wins.
                            inStep ??= new ConcurrentRegion(lambda, start, lambda.Syntax, ConcurrencyKind.WithSiblings, "a '", "' delegate");
                            continue;
                        }

                        if (IsStartedRepeatedly(start, known, out var scope))
                        {
                            region = new ConcurrentRegion(lambda, start, scope!, ConcurrencyKind.WithItself, "a '", "' delegate started in a loop");
                            return true;
                        }

                        region = new ConcurrentRegion(lambda, start, lambda.Syntax, ConcurrencyKind.WithSiblings, "a '", "' delegate");
                        return true;

                    default:
                        if (!RunsInline(start, known))
                        {
                            region = inStep ?? default;
                            return inStep != null;
                        }

                        if (IsAfterFirstAwaitOfAsyncSelectStartedAtOnce(operation, lambda, start))
                        {
                            region = new ConcurrentRegion(lambda, start, lambda.Syntax, ConcurrencyKind.WithItself, "an async 'Select' lambda whose tasks all run at once");
                            return true;
                        }

                        continue;
                }
            }

            region = inStep ?? default;
            return inStep != null;
        }

        /// <summary>
        /// The other delegates that run at the same time as <paramref name="region"/>'s: the other actions of
        /// the same Parallel.Invoke, or the other pool/thread/parallel delegates started (and not waited at
        /// once) in the same body as a delegate started once.
        /// </summary>
        public static void CollectSiblings(ConcurrentRegion region, KnownSymbols known, System.Collections.Generic.List<IOperation> siblings)
        {
            if (region.Kind != ConcurrencyKind.WithSiblings)
            {
                return;
            }

            if (region.Start is IInvocationOperation { TargetMethod.Name: "Invoke" } invoke && IsType(invoke.TargetMethod.ContainingType, "Parallel", "System.Threading.Tasks"))
            {
                foreach (var argument in invoke.Arguments)
                {
                    AddLambdas(argument.Value, region.Body, siblings);
                }

                return;
            }

            AddEarlierStarts(region.Start, known, siblings);
            AddCallerOverlap(region.Start, siblings);
        }

        /// <summary>
        /// Delegates started earlier in the same block and not yet awaited, waited or joined when this one starts:
        /// walking back from the start's statement, up to the first statement that waits for anything.
        /// </summary>
        private static void AddEarlierStarts(IOperation start, KnownSymbols known, System.Collections.Generic.List<IOperation> siblings)
        {
            IOperation? statement = start;
            while (statement != null && statement.Parent is not IBlockOperation)
            {
                if (statement is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return;
                }

                statement = statement.Parent;
            }

            if (statement?.Parent is not IBlockOperation block)
            {
                return;
            }

            var index = block.Operations.IndexOf(statement);
            for (var i = index - 1; i >= 0; i--)
            {
                var current = block.Operations[i];
                if (ContainsWait(current))
                {
                    return;
                }

                foreach (var descendant in current.DescendantsAndSelf())
                {
                    if (descendant is not IAnonymousFunctionOperation other)
                    {
                        continue;
                    }

                    var otherStart = FindStart(other, out var argument);
                    if (otherStart == null || IsWaitedAtOnce(otherStart, includeStoredAndJoined: false))
                    {
                        continue;
                    }

                    // Parallel.For/ForEach/Invoke return when their work is done: they never overlap later statements.
                    if (Classify(argument!, known) is DelegateRunsOn.ThreadPool or DelegateRunsOn.DedicatedThread)
                    {
                        siblings.Add(other.Body);
                    }
                }
            }
        }

        private static bool ContainsWait(IOperation statement)
        {
            foreach (var descendant in statement.DescendantsAndSelf())
            {
                switch (descendant)
                {
                    case IAwaitOperation:
                    case IInvocationOperation { TargetMethod.Name: "Wait" or "WaitAll" or "WaitAny" or "Join" or "GetResult" }:
                    case IPropertyReferenceOperation { Property.Name: "Result" }:
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The statements of the starting code that run while a delegate started once is still running: those after
        /// the start (after `t.Start()` for a thread stored in a local) in the same block, up to the first one that
        /// awaits, waits or joins anything. `var t = Task.Run(() => n++); n++; await t;` races on n.
        /// </summary>
        private static void AddCallerOverlap(IOperation start, System.Collections.Generic.List<IOperation> overlap)
        {
            IOperation? statement = start;
            while (statement != null && statement.Parent is not IBlockOperation)
            {
                if (statement is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return;
                }

                statement = statement.Parent;
            }

            if (statement?.Parent is not IBlockOperation block)
            {
                return;
            }

            // A thread stored in a local runs from its Start() call on.
            ILocalSymbol? thread = null;
            if (start is IObjectCreationOperation && start.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                thread = declarator.Symbol;
            }

            var after = false;
            var running = thread == null;
            foreach (var current in block.Operations)
            {
                if (!after)
                {
                    after = current == statement;
                    continue;
                }

                var waits = false;
                foreach (var descendant in current.DescendantsAndSelf())
                {
                    switch (descendant)
                    {
                        case IAwaitOperation:
                        case IInvocationOperation { TargetMethod.Name: "Wait" or "WaitAll" or "WaitAny" or "Join" or "GetResult" }:
                        case IPropertyReferenceOperation { Property.Name: "Result" }:
                            waits = true;
                            break;
                        case IInvocationOperation { TargetMethod.Name: "Start", Instance: ILocalReferenceOperation local } when thread != null && SymbolEqualityComparer.Default.Equals(local.Local, thread):
                            running = true;
                            break;
                    }
                }

                if (waits)
                {
                    return;
                }

                if (running)
                {
                    overlap.Add(current);
                }
            }
        }

        private static void AddLambdas(IOperation value, IOperation self, System.Collections.Generic.List<IOperation> siblings)
        {
            switch (value)
            {
                case IAnonymousFunctionOperation lambda when lambda != self:
                    siblings.Add(lambda.Body);
                    break;
                case IDelegateCreationOperation creation:
                    AddLambdas(creation.Target, self, siblings);
                    break;
                case IConversionOperation conversion:
                    AddLambdas(conversion.Operand, self, siblings);
                    break;
                case IArrayCreationOperation { Initializer: { } initializer }:
                    foreach (var element in initializer.ElementValues)
                    {
                        AddLambdas(element, self, siblings);
                    }

                    break;
            }
        }

        /// <summary>Is the operation inside a lambda or local function at all (else it is straight method code)?</summary>
        public static bool IsInsideFunction(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A method passed as a method group to a threading API (`new Thread(Work)`, `Parallel.ForEach(items, Process)`,
        /// `Task.Run(Poll)`): the start, and whether that one start already runs it concurrently with itself
        /// (Parallel/PLINQ, or started in a loop). Starts waited at once do not count.
        /// </summary>
        public static bool TryClassifyMethodGroupStart(IMethodReferenceOperation reference, KnownSymbols known, out IOperation? start, out bool repeated)
        {
            start = null;
            repeated = false;
            var outer = reference.Parent;
            while (outer is IDelegateCreationOperation or IConversionOperation)
            {
                outer = outer.Parent;
            }

            if (outer is IArrayInitializerOperation { Parent: IArrayCreationOperation { Parent: IArgumentOperation arrayArgument } })
            {
                outer = arrayArgument;
            }

            if (outer is not IArgumentOperation { Parent: { } parent } argument)
            {
                return false;
            }

            switch (Classify(argument, known))
            {
                case DelegateRunsOn.Parallel:
                    start = parent;
                    repeated = parent is not IInvocationOperation { TargetMethod.Name: "Invoke" };
                    return true;
                case DelegateRunsOn.ThreadPool:
                case DelegateRunsOn.DedicatedThread:
                    if (IsWaitedAtOnce(parent))
                    {
                        return false;
                    }

                    start = parent;
                    repeated = IsStartedRepeatedly(parent, known, out _);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The region of a method or local function that runs concurrently because of how it is started or called.</summary>
        public static ConcurrentRegion FunctionRegion(IOperation body, IOperation start, string display)
            => new ConcurrentRegion(body, start, body.Syntax, ConcurrencyKind.WithItself, display);

        /// <summary>For messages: "'Parallel.ForEach'", "'new Thread'".</summary>
        public static string DescribeStart(IOperation start) => "'" + StartName(start) + "'";

        /// <summary>The invocation or creation a lambda is handed to, seen through delegate creations and conversions.</summary>
        private static IOperation? FindStart(IAnonymousFunctionOperation lambda, out IArgumentOperation? argument)
        {
            var outer = lambda.Parent;
            while (outer is IDelegateCreationOperation or IConversionOperation)
            {
                outer = outer.Parent;
            }

            // Parallel.Invoke(params Action[]) wraps its lambdas in an array.
            if (outer is IArrayInitializerOperation { Parent: IArrayCreationOperation { Parent: IArgumentOperation arrayArgument } })
            {
                outer = arrayArgument;
            }

            argument = outer as IArgumentOperation;
            return argument?.Parent;
        }

        /// <summary>
        /// `await Task.WhenAll(items.Select(async x => { await ...; shared++; }))`: every element's task is
        /// started at once (the Select result goes to WhenAll/WhenAny, ToList/ToArray, or a local later given to
        /// WhenAll), and after its first await each continuation runs on the pool, concurrently with the others.
        /// Not in UI types (their continuations return to the one UI thread); code before the first await runs
        /// inline, one element after the other.
        /// </summary>
        private static bool IsAfterFirstAwaitOfAsyncSelectStartedAtOnce(IOperation operation, IAnonymousFunctionOperation lambda, IOperation start)
        {
            if (!lambda.Symbol.IsAsync || start is not IInvocationOperation { TargetMethod.Name: "Select" } select)
            {
                return false;
            }

            var firstAwait = FirstAwaitEnd(lambda.Syntax);
            if (firstAwait < 0 || operation.Syntax.SpanStart < firstAwait || !StartsAllAtOnce(select) || IsInUiType(lambda.Symbol.ContainingType))
            {
                return false;
            }

            return true;
        }

        /// <summary>Where the first `await` of a function body ends (nested lambdas and local functions skipped), or -1.</summary>
        public static int FirstAwaitEnd(SyntaxNode function)
        {
            foreach (var node in function.DescendantNodes(n => n == function || !(n is Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax)))
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.AwaitExpressionSyntax awaitExpression)
                {
                    return awaitExpression.Span.End;
                }
            }

            return -1;
        }

        /// <summary>
        /// Is this `Select` (whose selector is, or calls, an async function) one whose tasks all start at once:
        /// its result goes to WhenAll/WhenAny/ToList/ToArray, or to a local later given to WhenAll? Outside UI types.
        /// </summary>
        public static bool IsSelectStartingAllAtOnce(IOperation? operation, INamedTypeSymbol? containingType)
            => operation is IInvocationOperation { TargetMethod.Name: "Select" } select
                && select.TargetMethod.ContainingType?.Name == "Enumerable"
                && StartsAllAtOnce(select)
                && !IsInUiType(containingType);

        private static bool StartsAllAtOnce(IInvocationOperation select)
        {
            var parent = select.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IArgumentOperation { Parent: IInvocationOperation consumer })
            {
                var name = consumer.TargetMethod.Name;
                if (name is "WhenAll" or "WhenAny" or "ToList" or "ToArray" or "ToHashSet" or "ToDictionary")
                {
                    return true;
                }
            }

            // var tasks = items.Select(async ...);  ...  await Task.WhenAll(tasks);
            if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                IOperation? body = declarator;
                while (body != null && body is not IBlockOperation)
                {
                    body = body.Parent;
                }

                if (body == null)
                {
                    return false;
                }

                foreach (var descendant in body.Descendants())
                {
                    if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol))
                    {
                        var use = reference.Parent;
                        while (use is IConversionOperation)
                        {
                            use = use.Parent;
                        }

                        if (use is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "WhenAll" or "WhenAny" or "ToList" or "ToArray" } })
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsInUiType(INamedTypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                switch (current.Name)
                {
                    case "Form":
                    case "Control":
                    case "UserControl":
                    case "Window":
                    case "Page":
                    case "ContentPage":
                    case "ContentView":
                    case "FrameworkElement":
                    case "ComponentBase":
                    case "Application":
                        return true;
                }
            }

            return false;
        }

        /// <summary>LINQ-to-objects and ForEach lambdas run inline, on the thread of the code that calls them.</summary>
        private static bool RunsInline(IOperation start, KnownSymbols known)
        {
            if (start is not IInvocationOperation invocation)
            {
                return false;
            }

            var method = invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return false;
            }

            if (IsType(type, "Enumerable", "System.Linq"))
            {
                return true;
            }

            if (method.Name == "ForEach" && (IsType(type, "List", "System.Collections.Generic") || IsType(type, "Array", "System")))
            {
                return true;
            }

            return false;
        }

        /// <summary>
        /// Is the start (Task.Run, new Thread, QueueUserWorkItem...) itself executed more than once: inside a
        /// loop, a LINQ/ForEach lambda run per element, or a Parallel body? <paramref name="scope"/> is the
        /// syntax whose variables are fresh per start (a foreach body, the per-element lambda).
        /// </summary>
        private static bool IsStartedRepeatedly(IOperation start, KnownSymbols known, out SyntaxNode? scope)
        {
            for (var current = start.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case ILoopOperation loop:
                        scope = loop.Syntax;
                        return true;

                    case IAnonymousFunctionOperation lambda:
                        var outerStart = FindStart(lambda, out var argument);
                        if (outerStart == null)
                        {
                            scope = null;
                            return false;
                        }

                        var runsOn = argument != null ? Classify(argument, known) : DelegateRunsOn.Unknown;
                        if ((runsOn == DelegateRunsOn.Parallel && outerStart is not IInvocationOperation { TargetMethod.Name: "Invoke" })
                            || RunsInline(outerStart, known))
                        {
                            scope = lambda.Syntax;
                            return true;
                        }

                        if (runsOn is DelegateRunsOn.ThreadPool or DelegateRunsOn.DedicatedThread)
                        {
                            // A Task.Run inside a Task.Run: repeated if the outer one is.
                            current = outerStart;
                            continue;
                        }

                        scope = null;
                        return false;

                    case ILocalFunctionOperation:
                    case IMethodBodyBaseOperation:
                        scope = null;
                        return false;
                }
            }

            scope = null;
            return false;
        }

        /// <summary>`Action work = () => ...;` then `Task.Run(work)` twice, or once in a loop.</summary>
        private static bool IsStoredThenStartedRepeatedly(IAnonymousFunctionOperation lambda, KnownSymbols known, out IOperation? repeatedStart)
        {
            repeatedStart = null;
            var outer = lambda.Parent;
            while (outer is IDelegateCreationOperation or IConversionOperation)
            {
                outer = outer.Parent;
            }

            if (outer is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return false;
            }

            IOperation? body = declarator;
            while (body != null && body is not IAnonymousFunctionOperation && body is not ILocalFunctionOperation && body is not IMethodBodyBaseOperation && body.Parent != null)
            {
                body = body.Parent;
            }

            if (body == null)
            {
                return false;
            }

            var starts = 0;
            foreach (var descendant in body.Descendants())
            {
                if (descendant is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol))
                {
                    continue;
                }

                var parent = reference.Parent;
                while (parent is IDelegateCreationOperation or IConversionOperation)
                {
                    parent = parent.Parent;
                }

                if (parent is not IArgumentOperation argument || argument.Parent == null)
                {
                    continue;
                }

                var runsOn = Classify(argument, known);
                if (runsOn == DelegateRunsOn.Unknown || IsWaitedAtOnce(argument.Parent))
                {
                    continue;
                }

                starts++;
                repeatedStart = argument.Parent;
                if (runsOn == DelegateRunsOn.Parallel || IsStartedRepeatedly(argument.Parent, known, out _))
                {
                    starts++;
                }
            }

            return starts >= 2;
        }

        /// <summary>`await Task.Run(...)`, `Task.Run(...).Wait()`, `.Result`, `.GetAwaiter().GetResult()`: the caller waits right there.</summary>
        private static bool IsWaitedAtOnce(IOperation start) => IsWaitedAtOnce(start, includeStoredAndJoined: true);

        private static bool IsWaitedAtOnce(IOperation start, bool includeStoredAndJoined)
        {
            var parent = start.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IAwaitOperation:
                    return true;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure when configure.Instance == start || configure.Instance is IConversionOperation { Operand: var operand } && operand == start:
                    return configure.Parent is IAwaitOperation;
                case IInvocationOperation { TargetMethod.Name: "Wait" or "GetAwaiter" or "RunSynchronously" }:
                    return true;
                case IPropertyReferenceOperation { Property.Name: "Result" }:
                    return true;
                case IInvocationOperation { TargetMethod.Name: "Start" } startCall when startCall.Instance == start:
                    // new Thread(...).Start(); the thread is not joined here.
                    return false;
            }

            // A Thread or task stored in a local and joined/awaited in the same block: sequential.
            if (includeStoredAndJoined && parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return IsJoinedInSameBlock(declarator);
            }

            return false;
        }

        /// <summary>
        /// The task/thread stored in this local is awaited, waited or joined in the same block before anything
        /// else is started there: the work runs in step with the block (`var t = new Thread(..); t.Start(); t.Join();`).
        /// </summary>
        private static bool IsJoinedInSameBlock(IVariableDeclaratorOperation declarator)
        {
            IOperation? statement = declarator;
            while (statement != null && statement.Parent is not IBlockOperation)
            {
                statement = statement.Parent;
            }

            if (statement?.Parent is not IBlockOperation block)
            {
                return false;
            }

            var after = false;
            foreach (var current in block.Operations)
            {
                if (!after)
                {
                    after = current == statement;
                    continue;
                }

                foreach (var descendant in current.DescendantsAndSelf())
                {
                    if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol))
                    {
                        var parent = reference.Parent;
                        while (parent is IConversionOperation)
                        {
                            parent = parent.Parent;
                        }

                        if (parent is IAwaitOperation
                            || parent is IInvocationOperation { TargetMethod.Name: "Join" or "Wait" or "GetAwaiter" }
                            || parent is IPropertyReferenceOperation { Property.Name: "Result" })
                        {
                            return true;
                        }
                    }
                    else if (descendant is IAnonymousFunctionOperation or IMethodReferenceOperation
                        || (descendant is IInvocationOperation { TargetMethod.Name: "Start" } start
                            && !(start.Instance is ILocalReferenceOperation own && SymbolEqualityComparer.Default.Equals(own.Local, declarator.Symbol))))
                    {
                        // Something else is handed over (maybe started) before the join: not in step.
                        return false;
                    }
                }
            }

            return false;
        }

        internal static string StartName(IOperation start)
        {
            switch (start)
            {
                case IInvocationOperation invocation:
                    var type = invocation.TargetMethod.ContainingType;
                    if (type != null && IsType(type.OriginalDefinition, "ParallelEnumerable", "System.Linq"))
                    {
                        return invocation.TargetMethod.Name;
                    }

                    if (type != null && (type.Name == "TaskFactory"))
                    {
                        return "Task.Factory." + invocation.TargetMethod.Name;
                    }

                    return type == null ? invocation.TargetMethod.Name : type.Name + "." + invocation.TargetMethod.Name;
                case IObjectCreationOperation creation:
                    return "new " + (creation.Type?.Name ?? "Thread");
                default:
                    return "delegate";
            }
        }

        private static DelegateRunsOn ClassifyInvocation(IInvocationOperation invocation, KnownSymbols known)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return DelegateRunsOn.Unknown;
            }

            if (KnownSymbols.Is(type, known.Task) && method.Name == "Run")
            {
                return DelegateRunsOn.ThreadPool;
            }

            if ((KnownSymbols.Is(type, known.TaskFactory) || KnownSymbols.Is(type, known.TaskFactoryOfT)) && method.Name == "StartNew")
            {
                return HasLongRunning(invocation.Arguments) ? DelegateRunsOn.DedicatedThread : DelegateRunsOn.ThreadPool;
            }

            if (IsType(type, "ThreadPool", "System.Threading")
                && (method.Name == "QueueUserWorkItem" || method.Name == "UnsafeQueueUserWorkItem" || method.Name == "RegisterWaitForSingleObject"))
            {
                return DelegateRunsOn.ThreadPool;
            }

            if (IsType(type, "Parallel", "System.Threading.Tasks"))
            {
                return DelegateRunsOn.Parallel;
            }

            if (IsType(type, "ParallelEnumerable", "System.Linq"))
            {
                return DelegateRunsOn.Parallel;
            }

            if (IsType(type, "Enumerable", "System.Linq")
                || IsType(type, "List", "System.Collections.Generic")
                || IsType(type, "Array", "System")
                || IsType(type, "ConcurrentDictionary", "System.Collections.Concurrent")
                || (type.ContainingNamespace?.Name == "Immutable" && IsNamespace(type.ContainingNamespace, "System.Collections.Immutable")))
            {
                return DelegateRunsOn.Inline;
            }

            return DelegateRunsOn.Unknown;
        }

        private static bool HasLongRunning(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                var value = argument.Value;
                while (value is IConversionOperation conversion)
                {
                    value = conversion.Operand;
                }

                if (value.Type?.Name == "TaskCreationOptions")
                {
                    return CarriesLongRunning(value);
                }
            }

            return false;
        }

        /// <summary>
        /// A TaskCreationOptions value with the LongRunning bit (2): a constant, or a non-constant
        /// `options | TaskCreationOptions.LongRunning` where one operand of the `|` carries it.
        /// </summary>
        internal static bool CarriesLongRunning(IOperation value)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value is int flags && (flags & 2) != 0;
            }

            if (value is IParenthesizedOperation parenthesized)
            {
                return CarriesLongRunning(parenthesized.Operand);
            }

            return value is IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } or
                && (CarriesLongRunning(or.LeftOperand) || CarriesLongRunning(or.RightOperand));
        }

        private static bool IsType(ITypeSymbol type, string name, string ns)
            => type.Name == name && IsNamespace(type.ContainingNamespace, ns);

        private static bool IsNamespace(INamespaceSymbol? symbol, string dotted)
        {
            var end = dotted.Length;
            for (var current = symbol; current != null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                var start = dotted.LastIndexOf('.', end - 1) + 1;
                if (end - start != current.Name.Length || string.CompareOrdinal(dotted, start, current.Name, 0, current.Name.Length) != 0)
                {
                    return false;
                }

                end = start - 1;
                if (end < 0)
                {
                    return current.ContainingNamespace == null || current.ContainingNamespace.IsGlobalNamespace;
                }
            }

            return false;
        }
    }
}
