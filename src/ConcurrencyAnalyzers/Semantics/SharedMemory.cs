using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>
    /// Questions about memory touched from a concurrent region (see <see cref="DelegateExecution.TryFindConcurrentRegion"/>):
    /// is this variable, field or collection the same one for every concurrent run, and is the access
    /// made under a lock that all runs share?
    /// </summary>
    internal static class SharedMemory
    {
        /// <summary>
        /// Is the storage <paramref name="reference"/> names the same for every run of the region? Locals and
        /// parameters declared inside the region's scope are fresh per run; instance fields are shared when
        /// their receiver is (this, a static, a captured variable, a field of those); elements, call
        /// results and other computed receivers are assumed distinct. [ThreadStatic] fields and
        /// ThreadLocal/AsyncLocal values are per thread. <paramref name="root"/> is the local or parameter
        /// the access hangs off, or null for this/static.
        /// </summary>
        public static bool IsShared(IOperation reference, ConcurrentRegion region, KnownSymbols known, out ISymbol? root)
        {
            root = null;
            for (var current = reference; ;)
            {
                switch (current)
                {
                    case ILocalReferenceOperation local:
                        root = local.Local;
                        return local.Local.IsRef == false && IsDeclaredOutside(local.Local, region.Scope);

                    case IParameterReferenceOperation parameter:
                        root = parameter.Parameter;
                        return parameter.Parameter.RefKind == RefKind.None && IsDeclaredOutside(parameter.Parameter, region.Scope);

                    case IInstanceReferenceOperation:
                        return true;

                    case IFieldReferenceOperation field:
                        if (field.Field.IsConst || HasThreadStatic(field.Field, known))
                        {
                            return false;
                        }

                        if (field.Field.IsStatic || field.Instance == null)
                        {
                            return true;
                        }

                        current = field.Instance;
                        continue;

                    case IPropertyReferenceOperation property:
                        if (property.Property.IsIndexer || IsPerThreadValue(property.Property, known))
                        {
                            return false;
                        }

                        if (property.Property.IsStatic || property.Instance == null)
                        {
                            return true;
                        }

                        current = property.Instance;
                        continue;

                    case IConversionOperation { IsImplicit: true } conversion:
                        current = conversion.Operand;
                        continue;

                    default:
                        return false;
                }
            }
        }

        /// <summary>Are two references the same storage path (same symbols, same receivers)?</summary>
        public static bool AreSameReference(IOperation? a, IOperation? b)
        {
            while (a is IConversionOperation { IsImplicit: true } ca)
            {
                a = ca.Operand;
            }

            while (b is IConversionOperation { IsImplicit: true } cb)
            {
                b = cb.Operand;
            }

            switch (a)
            {
                case ILocalReferenceOperation la:
                    return b is ILocalReferenceOperation lb && SymbolEqualityComparer.Default.Equals(la.Local, lb.Local);
                case IParameterReferenceOperation pa:
                    return b is IParameterReferenceOperation pb && SymbolEqualityComparer.Default.Equals(pa.Parameter, pb.Parameter);
                case IInstanceReferenceOperation:
                    return b is IInstanceReferenceOperation;
                case IFieldReferenceOperation fa:
                    return b is IFieldReferenceOperation fb && SymbolEqualityComparer.Default.Equals(fa.Field, fb.Field)
                        && (fa.Field.IsStatic || AreSameReference(fa.Instance, fb.Instance));
                case IPropertyReferenceOperation ra:
                    return b is IPropertyReferenceOperation rb && !ra.Property.IsIndexer && SymbolEqualityComparer.Default.Equals(ra.Property, rb.Property)
                        && (ra.Property.IsStatic || AreSameReference(ra.Instance, rb.Instance));
                case null:
                    return b == null;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Is <paramref name="operation"/> under a lock that every run of the region takes: a `lock` inside
        /// the region on something other than a fresh object, or a region that enters a monitor, semaphore,
        /// mutex, reader-writer or custom lock (methods named Enter*, Wait*, Lock*, Acquire*) anywhere in it?
        /// </summary>
        public static bool IsSynchronized(IOperation operation, ConcurrentRegion region)
        {
            for (var current = operation.Parent; current != null && current != region.Body; current = current.Parent)
            {
                if (current is ILockOperation lockOperation && !IsFreshPerRun(lockOperation.LockedValue, region))
                {
                    return true;
                }
            }

            return TakesLockSomewhere(region.Body);
        }

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IOperation, object> s_takesLock = new System.Runtime.CompilerServices.ConditionalWeakTable<IOperation, object>();
        private static readonly object s_yes = new object();
        private static readonly object s_no = new object();

        /// <summary>Memoized per delegate/method body: every update in a body asks the same question.</summary>
        private static bool TakesLockSomewhere(IOperation body)
        {
            return s_takesLock.GetValue(body, static b =>
                OperationTree.Any(b, b, static (descendant, root) => descendant != root && descendant is IInvocationOperation invocation && IsSynchronizationCall(invocation.TargetMethod))
                    ? s_yes
                    : s_no) == s_yes;
        }

        /// <summary>Does any of <paramref name="functions"/> write the storage <paramref name="target"/> names?</summary>
        public static bool AnyWrites(List<IOperation> regions, IOperation target)
        {
            foreach (var region in regions)
            {
                if (OperationTree.Any(region, target, static (descendant, storage) =>
                {
                    IOperation? written = descendant switch
                    {
                        IIncrementOrDecrementOperation increment => increment.Target,
                        ICompoundAssignmentOperation compound => compound.Target,
                        ISimpleAssignmentOperation simple => simple.Target,
                        IArgumentOperation { Parameter.RefKind: RefKind.Ref } refArgument => refArgument.Value,
                        _ => null,
                    };
                    return written != null && AreSameReference(written, storage);
                }))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Does any of <paramref name="functions"/> use the storage <paramref name="target"/> names at all?</summary>
        public static bool AnyUses(List<IOperation> regions, IOperation target)
        {
            foreach (var region in regions)
            {
                if (OperationTree.Any(region, target, static (descendant, storage) => descendant.Kind == storage.Kind && AreSameReference(descendant, storage)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsFreshPerRun(IOperation lockedValue, ConcurrentRegion region)
        {
            while (lockedValue is IConversionOperation conversion)
            {
                lockedValue = conversion.Operand;
            }

            switch (lockedValue)
            {
                case IObjectCreationOperation:
                    return true;
                case ILocalReferenceOperation local:
                    return !IsDeclaredOutside(local.Local, region.Scope);
                case IParameterReferenceOperation parameter:
                    return !IsDeclaredOutside(parameter.Parameter, region.Scope);
                default:
                    return false;
            }
        }

        private static bool IsSynchronizationCall(IMethodSymbol method)
        {
            var name = method.Name;
            if (name.StartsWith("Enter", System.StringComparison.Ordinal)
                || name.StartsWith("TryEnter", System.StringComparison.Ordinal)
                || name.StartsWith("Lock", System.StringComparison.Ordinal)
                || name.StartsWith("Acquire", System.StringComparison.Ordinal)
                || name.StartsWith("Wait", System.StringComparison.Ordinal)
                || name == "TryLock")
            {
                var type = method.ContainingType;
                // Task.Wait/WaitAll/WaitAny and CountdownEvent-style waits do not exclude other runs; everything else we give the benefit of the doubt.
                return type == null || (type.Name != "Task" && type.Name != "Task`1" && type.Name != "CountdownEvent" && type.Name != "Barrier" && type.Name != "ManualResetEventSlim" && type.Name != "Thread");
            }

            return false;
        }

        private static bool IsDeclaredOutside(ISymbol symbol, SyntaxNode scope)
        {
            var references = symbol.DeclaringSyntaxReferences;
            if (references.Length == 0)
            {
                return true;
            }

            var declaration = references[0];
            if (declaration.SyntaxTree != scope.SyntaxTree || !scope.Span.Contains(declaration.Span))
            {
                return true;
            }

            // A for loop's header variable is one variable for all iterations.
            if (scope is ForStatementSyntax forStatement && forStatement.Declaration != null && forStatement.Declaration.Span.Contains(declaration.Span))
            {
                return true;
            }

            return false;
        }

        private static bool HasThreadStatic(IFieldSymbol field, KnownSymbols known)
        {
            if (known.ThreadStaticAttribute == null || !field.IsStatic)
            {
                return false;
            }

            foreach (var attribute in field.GetAttributes())
            {
                if (KnownSymbols.Is(attribute.AttributeClass, known.ThreadStaticAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsPerThreadValue(IPropertySymbol property, KnownSymbols known)
        {
            var type = property.ContainingType?.OriginalDefinition;
            return type != null && (KnownSymbols.Is(type, known.ThreadLocalOfT) || KnownSymbols.Is(type, known.AsyncLocalOfT));
        }
    }
}
