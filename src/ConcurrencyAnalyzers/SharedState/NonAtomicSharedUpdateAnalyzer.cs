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
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
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

                start.RegisterOperationAction(
                    ctx =>
                    {
                        var operation = (IIncrementOrDecrementOperation)ctx.Operation;
                        var fix = operation.Kind == OperationKind.Increment ? "Increment" : "Decrement";
                        Analyze(ctx, operation.Target, fix, null, known, fixable: !(operation.IsPostfix && IsValueUsed(operation)));
                    },
                    OperationKind.Increment,
                    OperationKind.Decrement);

                start.RegisterOperationAction(
                    ctx =>
                    {
                        var operation = (ICompoundAssignmentOperation)ctx.Operation;
                        var fix = operation.OperatorKind switch
                        {
                            BinaryOperatorKind.Add => "Add",
                            BinaryOperatorKind.Subtract => "Subtract",
                            _ => null,
                        };

                        Analyze(ctx, operation.Target, fix, operation.Value, known);
                    },
                    OperationKind.CompoundAssignment);

                start.RegisterOperationAction(
                    ctx =>
                    {
                        var operation = (ISimpleAssignmentOperation)ctx.Operation;
                        var value = operation.Value;
                        while (value is IConversionOperation { IsImplicit: true } conversion)
                        {
                            value = conversion.Operand;
                        }

                        if (value is not IBinaryOperation binary || !IsStorage(operation.Target))
                        {
                            return;
                        }

                        IOperation? other;
                        if (SharedMemory.AreSameReference(binary.LeftOperand, operation.Target))
                        {
                            other = binary.RightOperand;
                        }
                        else if (binary.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Multiply or BinaryOperatorKind.And or BinaryOperatorKind.Or or BinaryOperatorKind.ExclusiveOr
                            && SharedMemory.AreSameReference(binary.RightOperand, operation.Target))
                        {
                            other = binary.LeftOperand;
                        }
                        else
                        {
                            return;
                        }

                        var fix = binary.OperatorKind switch
                        {
                            BinaryOperatorKind.Add => "Add",
                            BinaryOperatorKind.Subtract => "Subtract",
                            _ => null,
                        };

                        Analyze(ctx, operation.Target, fix, other, known);
                    },
                    OperationKind.SimpleAssignment);
            });
        }

        private static void Analyze(OperationAnalysisContext context, IOperation target, string? fix, IOperation? value, KnownSymbols known, bool fixable = true)
        {
            // Cheapest first: only variables, fields and non-indexer properties of a type where a lost update means something.
            if (!IsStorage(target) || !IsCountableType(target.Type))
            {
                return;
            }

            var operation = context.Operation;
            if (!DelegateExecution.TryFindConcurrentRegion(operation, known, out var region))
            {
                return;
            }

            if (!SharedMemory.IsShared(target, region, known, out _) || SharedMemory.IsSynchronized(operation, region))
            {
                return;
            }

            if (region.Kind == ConcurrencyKind.WithSiblings)
            {
                var siblings = new List<IAnonymousFunctionOperation>();
                DelegateExecution.CollectSiblings(region, known, siblings);
                if (!SharedMemory.AnyWrites(siblings, target))
                {
                    return;
                }
            }

            var type = target.Type!.SpecialType;
            fixable = fixable && fix != null
                && (type == SpecialType.System_Int32 || type == SpecialType.System_Int64)
                && target is IFieldReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation
                && (value == null || (value.Type != null && context.Compilation.ClassifyCommonConversion(value.Type, target.Type).IsImplicit));

            var counter = type == SpecialType.System_Int32 || type == SpecialType.System_Int64;
            var method = fix == "Subtract" ? "Add" : fix;
            string alternative;
            if (counter && method != null && target is not IPropertyReferenceOperation)
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
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CONC0501_NonAtomicSharedUpdate,
                operation.Syntax.GetLocation(),
                properties,
                Name(target),
                Shorten(operation.Syntax.ToString()),
                region.Display,
                alternative));
        }

        private static bool IsStorage(IOperation target)
            => target is IFieldReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation
                || target is IPropertyReferenceOperation { Property.IsIndexer: false };

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
