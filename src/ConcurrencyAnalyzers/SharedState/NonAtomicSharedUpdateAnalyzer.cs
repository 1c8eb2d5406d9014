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
    /// CONC0501: `x++`, `x--`, `x += n`, `x = x + n` on a variable, field or property shared by code that
    /// runs concurrently (a Parallel/PLINQ body, a pool or thread delegate started repeatedly, or
    /// delegates started side by side that update the same storage). Read, change and write are three
    /// steps; two threads interleaving them lose updates.
    /// </summary>
    // Shipped through ConcurrencyRulesAnalyzer (one registration for all rules); tests use this class directly.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Registered by ConcurrencyRulesAnalyzer")]
    public sealed class NonAtomicSharedUpdateAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property naming the Interlocked method the fix uses (Increment, Decrement, Add, Subtract).</summary>
        public const string FixProperty = "Interlocked";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.CONC0501_NonAtomicSharedUpdate);

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

                // Concurrent lambdas, and methods or local functions started as method groups or called from concurrent code.
                var functions = ConcurrentFunctions.For(known);
                start.RegisterOperationAction(
                    ctx =>
                    {
                        if (TryGetUpdate(ctx.Operation, out var update)
                            && (DelegateExecution.TryFindConcurrentRegion(ctx.Operation, known, out var region)
                                || functions.TryGetRegion(ctx.Operation, update.Target, ctx.ContainingSymbol, ctx.CancellationToken, out region)))
                        {
                            var diagnostic = Check(ctx.Operation, region, ctx.Compilation, known);
                            if (diagnostic != null)
                            {
                                ctx.ReportDiagnostic(diagnostic);
                            }
                        }
                    },
                    OperationKind.Increment,
                    OperationKind.Decrement,
                    OperationKind.CompoundAssignment,
                    OperationKind.SimpleAssignment);
            });
        }

        private readonly struct Update
        {
            public Update(IOperation target, string? fix, IOperation? value, bool fixable)
            {
                Target = target;
                Fix = fix;
                Value = value;
                Fixable = fixable;
            }

            public IOperation Target { get; }

            /// <summary>Increment, Decrement, Add, Subtract, or null when no Interlocked method matches the operator.</summary>
            public string? Fix { get; }

            /// <summary>The amount added or subtracted.</summary>
            public IOperation? Value { get; }

            /// <summary>False for a postfix whose old value is used.</summary>
            public bool Fixable { get; }
        }

        /// <summary>Recognizes `x++`, `x--`, `x op= n` and `x = x op n` on storage of a countable type (cheap: no parent walk).</summary>
        private static bool TryGetUpdate(IOperation operation, out Update update)
        {
            update = default;
            IOperation target;
            switch (operation)
            {
                case IIncrementOrDecrementOperation increment:
                    target = increment.Target;
                    update = new Update(target, increment.Kind == OperationKind.Increment ? "Increment" : "Decrement", null, !(increment.IsPostfix && IsValueUsed(increment)));
                    break;

                case ICompoundAssignmentOperation compound:
                    target = compound.Target;
                    update = new Update(target, FixFor(compound.OperatorKind), compound.Value, true);
                    break;

                case ISimpleAssignmentOperation simple:
                    target = simple.Target;
                    var value = simple.Value;
                    while (value is IConversionOperation { IsImplicit: true } conversion)
                    {
                        value = conversion.Operand;
                    }

                    if (value is not IBinaryOperation binary || !IsStorage(target))
                    {
                        return false;
                    }

                    IOperation other;
                    if (SharedMemory.AreSameReference(binary.LeftOperand, target))
                    {
                        other = binary.RightOperand;
                    }
                    else if (binary.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Multiply or BinaryOperatorKind.And or BinaryOperatorKind.Or or BinaryOperatorKind.ExclusiveOr
                        && SharedMemory.AreSameReference(binary.RightOperand, target))
                    {
                        other = binary.LeftOperand;
                    }
                    else
                    {
                        return false;
                    }

                    update = new Update(target, FixFor(binary.OperatorKind), other, true);
                    break;

                default:
                    return false;
            }

            return IsStorage(target) && IsCountableType(target.Type);
        }

        private static string? FixFor(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.Add => "Add",
            BinaryOperatorKind.Subtract => "Subtract",
            _ => null,
        };

        private static Diagnostic? Check(IOperation operation, ConcurrentRegion region, Compilation compilation, KnownSymbols known)
        {
            if (!TryGetUpdate(operation, out var update))
            {
                return null;
            }

            var target = update.Target;
            var fix = update.Fix;
            var value = update.Value;
            var entry = IsConcurrentDictionaryEntry(target);
            var storage = entry ? ((IPropertyReferenceOperation)target).Instance! : target;
            if (!SharedMemory.IsShared(storage, region, known, out _) || SharedMemory.IsSynchronized(operation, region))
            {
                return null;
            }

            if (region.Kind == ConcurrencyKind.WithSiblings)
            {
                var siblings = new List<IOperation>();
                DelegateExecution.CollectSiblings(region, known, siblings);
                if (entry ? !SharedMemory.AnyUses(siblings, storage) : !SharedMemory.AnyWrites(siblings, target))
                {
                    return null;
                }
            }

            var type = target.Type!.SpecialType;
            var fixable = update.Fixable && fix != null
                && (type == SpecialType.System_Int32 || type == SpecialType.System_Int64)
                && target is IFieldReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation
                && (value == null || (value.Type != null && compilation.ClassifyCommonConversion(value.Type, target.Type).IsImplicit));

            var counter = type == SpecialType.System_Int32 || type == SpecialType.System_Int64;
            var method = fix == "Subtract" ? "Add" : fix;
            string alternative;
            if (entry)
            {
                alternative = "'AddOrUpdate'";
                fixable = false;
            }
            else if (counter && method != null && target is not IPropertyReferenceOperation)
            {
                alternative = "'Interlocked." + method + "'";
            }
            else if (counter && method != null)
            {
                alternative = "a field updated with 'Interlocked." + method + "' or a lock";
            }
            else
            {
                alternative = "a lock";
            }

            var properties = fixable ? ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix) : ImmutableDictionary<string, string?>.Empty;
            return Diagnostic.Create(
                Descriptors.CONC0501_NonAtomicSharedUpdate,
                operation.Syntax.GetLocation(),
                properties,
                Name(target),
                Shorten(operation.Syntax.ToString()),
                region.Display,
                alternative);
        }

        private static bool IsStorage(IOperation target)
            => target is IFieldReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation
                || target is IPropertyReferenceOperation { Property.IsIndexer: false }
                || IsConcurrentDictionaryEntry(target);

        /// <summary>
        /// `counts[key]++` on a ConcurrentDictionary: each indexer call is thread-safe, the read-add-write
        /// around them is not (CONC0502 leaves concurrent collections alone, so this rule takes it).
        /// </summary>
        private static bool IsConcurrentDictionaryEntry(IOperation target)
            => target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance.Type: INamedTypeSymbol { Name: "ConcurrentDictionary", Arity: 2 } type }
                && type.ContainingNamespace?.ToDisplayString() == "System.Collections.Concurrent";

        private static bool IsCountableType(ITypeSymbol? type)
        {
            switch (type?.SpecialType)
            {
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt32:
                case SpecialType.System_UInt64:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                case SpecialType.System_String:
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsValueUsed(IOperation operation)
        {
            var parent = operation.Parent;
            return parent is not IExpressionStatementOperation && !(parent is IForLoopOperation loop && loop.AtLoopBottom.Contains(operation));
        }

        private static string Name(IOperation target) => target switch
        {
            IFieldReferenceOperation field => field.Field.Name,
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } => Name(instance) + "[...]",
            IPropertyReferenceOperation property => property.Property.Name,
            _ => "value",
        };

        private static string Shorten(string text)
        {
            text = text.Replace("\r", " ").Replace("\n", " ");
            return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
        }
    }
}
