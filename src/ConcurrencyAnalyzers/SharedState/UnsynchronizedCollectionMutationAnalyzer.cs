using System.Collections.Generic;
using System.Collections.Immutable;
using ConcurrencyAnalyzers.Rules;
using ConcurrencyAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.SharedState
{
    /// <summary>
    /// CONC0502: a List/Dictionary/HashSet/Queue/Stack (and the sorted and linked variants) shared by code
    /// that runs concurrently is changed (Add, Remove, Clear, indexer set, ...) outside a lock. Reads alone
    /// are not reported; neither are collections created per run or reached through per-item receivers.
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class UnsynchronizedCollectionMutationAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the concurrent counterpart's metadata name when one exists (the fix may switch a local to it).</summary>
        public const string ConcurrentTypeProperty = "ConcurrentType";

        // A switch, not a set: every invocation asks, and the compiler's string switch hashes inline where a
        // HashSet<string> pays a shared-generic lookup and a randomized hash on each call.
        private static bool IsMutatingMethodName(string name) => name switch
        {
            "Add" or "AddRange" or "Insert" or "InsertRange" or "Remove" or "RemoveAt" or "RemoveAll" or "RemoveRange" or "RemoveWhere" or "Clear"
                or "Enqueue" or "Dequeue" or "TryDequeue" or "EnqueueRange" or "Push" or "PushRange" or "Pop" or "TryPop" or "TryAdd" or "Sort" or "Reverse"
                or "UnionWith" or "ExceptWith" or "IntersectWith" or "SymmetricExceptWith" or "AddFirst" or "AddLast" or "AddBefore" or "AddAfter"
                or "RemoveFirst" or "RemoveLast" or "EnsureCapacity" or "TrimExcess" or "SetValue" => true,
            _ => false,
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0502_UnsynchronizedCollectionMutation);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known.Task == null || known.ListOfT == null)
                {
                    return;
                }

                // Concurrent lambdas, and methods or local functions started as method groups or called from concurrent code.
                var functions = ConcurrentFunctions.For(known);
                start.RegisterOperationAction(
                    ctx =>
                    {
                        if (TryGetMutation(ctx.Operation, known, out var collection, out _, out _)
                            && (DelegateExecution.TryFindConcurrentRegion(ctx.Operation, known, out var region)
                                || functions.TryGetRegion(ctx.Operation, collection, ctx.ContainingSymbol, ctx.CancellationToken, out region)))
                        {
                            var diagnostic = Check(ctx.Operation, region, known);
                            if (diagnostic != null)
                            {
                                ctx.ReportDiagnostic(diagnostic);
                            }
                        }
                    },
                    CandidateKinds);
            });
        }

        private static readonly OperationKind[] CandidateKinds =
        {
            OperationKind.Invocation,
            OperationKind.SimpleAssignment,
            OperationKind.CompoundAssignment,
            OperationKind.CoalesceAssignment,
            OperationKind.Increment,
            OperationKind.Decrement,
        };

        /// <summary>A mutating call or indexer write on a tracked collection type (cheap: no parent walk).</summary>
        private static bool TryGetMutation(IOperation operation, KnownSymbols known, out IOperation? collection, out CollectionKind kind, out string member)
        {
            collection = null;
            kind = CollectionKind.None;
            member = "";
            if (operation is IInvocationOperation invocation)
            {
                var instance = invocation.Instance;
                if (instance == null || !IsMutatingMethodName(invocation.TargetMethod.Name))
                {
                    return false;
                }

                kind = CollectionKindOf(instance.Type, known);
                collection = instance;
                member = invocation.TargetMethod.Name;
                return kind != CollectionKind.None;
            }

            var target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                _ => null,
            };

            if (target is not IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed })
            {
                return false;
            }

            kind = CollectionKindOf(indexed.Type, known);
            collection = indexed;
            member = "this[]";

            // A List<T> indexer set replaces an element in place (no resize); distinct indexes per run are the normal partitioning idiom.
            return kind != CollectionKind.None && kind != CollectionKind.List;
        }

        private static Diagnostic? Check(IOperation operation, ConcurrentRegion region, KnownSymbols known)
        {
            if (!TryGetMutation(operation, known, out var collection, out var kind, out var member) || collection == null)
            {
                return null;
            }

            if (!SharedMemory.IsShared(collection, region, known, out _) || SharedMemory.IsSynchronized(operation, region))
            {
                return null;
            }

            if (region.Kind == ConcurrencyKind.WithSiblings)
            {
                var siblings = new List<IOperation>();
                DelegateExecution.CollectSiblings(region, known, siblings);
                if (!SharedMemory.AnyUses(siblings, collection))
                {
                    return null;
                }
            }

            var concurrent = kind switch
            {
                CollectionKind.List => "System.Collections.Concurrent.ConcurrentBag`1",
                CollectionKind.Dictionary => "System.Collections.Concurrent.ConcurrentDictionary`2",
                CollectionKind.Queue => "System.Collections.Concurrent.ConcurrentQueue`1",
                CollectionKind.Stack => "System.Collections.Concurrent.ConcurrentStack`1",
                _ => null,
            };

            var alternative = kind switch
            {
                CollectionKind.List => "'ConcurrentBag<T>' (unordered) or a lock",
                CollectionKind.Dictionary or CollectionKind.SortedDictionary => "'ConcurrentDictionary<TKey, TValue>' or a lock",
                CollectionKind.Queue => "'ConcurrentQueue<T>' or a lock",
                CollectionKind.Stack => "'ConcurrentStack<T>' or a lock",
                _ => "a lock",
            };

            var properties = concurrent != null ? ImmutableDictionary<string, string?>.Empty.Add(ConcurrentTypeProperty, concurrent) : ImmutableDictionary<string, string?>.Empty;
            return Diagnostic.Create(
                Descriptors.CONC0502_UnsynchronizedCollectionMutation,
                operation.Syntax.GetLocation(),
                properties,
                Name(collection),
                collection.Type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                member,
                region.Display,
                alternative);
        }

        private static CollectionKind CollectionKindOf(ITypeSymbol? type, KnownSymbols known)
        {
            if (type is not INamedTypeSymbol { IsGenericType: true } named)
            {
                return CollectionKind.None;
            }

            var original = named.OriginalDefinition;
            if (KnownSymbols.Is(original, known.ListOfT))
            {
                return CollectionKind.List;
            }

            if (KnownSymbols.Is(original, known.DictionaryOfTKeyTValue))
            {
                return CollectionKind.Dictionary;
            }

            if (KnownSymbols.Is(original, known.HashSetOfT) || KnownSymbols.Is(original, known.SortedSetOfT) || KnownSymbols.Is(original, known.LinkedListOfT))
            {
                return CollectionKind.Set;
            }

            if (KnownSymbols.Is(original, known.QueueOfT))
            {
                return CollectionKind.Queue;
            }

            if (KnownSymbols.Is(original, known.StackOfT))
            {
                return CollectionKind.Stack;
            }

            if (KnownSymbols.Is(original, known.SortedDictionaryOfTKeyTValue) || KnownSymbols.Is(original, known.SortedListOfTKeyTValue))
            {
                return CollectionKind.SortedDictionary;
            }

            return CollectionKind.None;
        }

        private static string Name(IOperation collection)
        {
            while (collection is IConversionOperation conversion)
            {
                collection = conversion.Operand;
            }

            return collection switch
            {
                IFieldReferenceOperation field => field.Field.Name,
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IPropertyReferenceOperation property => property.Property.Name,
                _ => "collection",
            };
        }

        private enum CollectionKind
        {
            None,
            List,
            Dictionary,
            SortedDictionary,
            Set,
            Queue,
            Stack,
        }
    }
}
