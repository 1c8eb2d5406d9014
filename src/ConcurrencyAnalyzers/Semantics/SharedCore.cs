using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>
    /// The shared-core pattern: one method serves a sync and an async public API and takes the mode as a
    /// parameter (`ReadCore(bool async)`, `ReadAsync(IOBehavior ioBehavior)`), doing blocking I/O on its
    /// sync side on purpose. Rules use it three ways: a blocking call on the sync side of a mode test is
    /// not reported; a task from a call that passes the sync mode is complete when it returns; and a
    /// shared core cannot switch a `using` to `await using` without breaking its sync callers.
    /// Flags and modes are recognised by name ("async" / "sync"), so the recognition is syntactic and cheap.
    /// </summary>
    internal static class SharedCore
    {
        /// <summary>
        /// `CoreAsync(..., IOBehavior.Synchronous, ...)` or `CoreAsync(..., async: false)` on a method of
        /// this compilation that takes a mode parameter: it runs synchronously and returns a completed task.
        /// Only source methods: a library's public API may use "Synchronous" for something else
        /// (a replication mode, say) and still return a task in flight.
        /// </summary>
        public static bool IsSyncModeCall(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Parameters.Length == 0 || method.Locations.Length == 0 || !method.Locations[0].IsInSource)
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter != null && IsModeParameter(parameter) && PassesSyncMode(parameter, argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Does this method take a sync/async mode parameter (a bool flag or a Synchronous/Asynchronous enum)?</summary>
        public static bool IsSharedCoreMethod(IMethodSymbol? method)
        {
            if (method == null)
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                if (IsModeParameter(parameter))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsModeParameter(IParameterSymbol parameter)
        {
            var type = parameter.Type;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type.SpecialType == SpecialType.System_Boolean)
            {
                return ModeOfName(parameter.Name) != null;
            }

            if (type.TypeKind != TypeKind.Enum)
            {
                return false;
            }

            // An enum with both a synchronous and an asynchronous member (IOBehavior.Synchronous / Asynchronous).
            bool hasSync = false, hasAsync = false;
            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol { IsConst: true } field && ModeOfName(field.Name) is bool isAsync)
                {
                    hasAsync |= isAsync;
                    hasSync |= !isAsync;
                }
            }

            return hasSync && hasAsync;
        }

        private static bool PassesSyncMode(IParameterSymbol parameter, IOperation argument)
        {
            var value = AwaitableAlternatives.StripConversions(argument)!;
            if (parameter.Type.SpecialType == SpecialType.System_Boolean || parameter.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && value.Type?.SpecialType == SpecialType.System_Boolean)
            {
                return value.ConstantValue.HasValue && value.ConstantValue.Value is bool flag
                    && ModeOfName(parameter.Name) is bool nameIsAsync && flag != nameIsAsync;
            }

            return value is IFieldReferenceOperation { Field.IsConst: true } field && ModeOfName(field.Field.Name) == false;
        }

        /// <summary>
        /// Is the node on the side of an enclosing `if`/`?:` (or after an async early exit) where the shared
        /// core runs synchronously? The condition is a mode flag (or its negation): see <see cref="SyncSide"/>.
        /// </summary>
        public static bool IsOnSyncBranch(SyntaxNode node)
        {
            SyntaxNode child = node;
            for (var current = node.Parent; current != null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case IfStatementSyntax ifStatement when child != ifStatement.Condition:
                        if (SyncSide(ifStatement.Condition) is bool syncWhenTrue
                            && (child == ifStatement.Statement) == syncWhenTrue)
                        {
                            return true;
                        }

                        break;
                    case ConditionalExpressionSyntax conditional when child != conditional.Condition:
                        if (SyncSide(conditional.Condition) is bool syncWhenTrue2
                            && (child == conditional.WhenTrue) == syncWhenTrue2)
                        {
                            return true;
                        }

                        break;
                    case BlockSyntax block when child is StatementSyntax statement:
                        if (FollowsAsyncEarlyExit(block, statement))
                        {
                            return true;
                        }

                        break;
                    case MemberDeclarationSyntax:
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// `if (useAsync) { ...; return await x.ReadAsync(...); }` earlier in the same block, with no
        /// else: the statements after it only run on the sync path.
        /// </summary>
        private static bool FollowsAsyncEarlyExit(BlockSyntax block, StatementSyntax statement)
        {
            foreach (var previous in block.Statements)
            {
                if (previous == statement)
                {
                    return false;
                }

                if (previous is IfStatementSyntax { Else: null } ifStatement
                    && SyncSide(ifStatement.Condition) == false
                    && AlwaysExits(ifStatement.Statement))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AlwaysExits(StatementSyntax statement) => statement switch
        {
            ReturnStatementSyntax or ThrowStatementSyntax => true,
            BlockSyntax { Statements.Count: > 0 } block => AlwaysExits(block.Statements[block.Statements.Count - 1]),
            _ => false,
        };

        /// <summary>
        /// True: the condition's true side is the sync path; false: its false side is; null: not a mode test.
        /// A mode test is a flag read by name (`async`, `!useAsync`, `context.IsSynchronous`) or a
        /// comparison with a mode value (`ioBehavior != IOBehavior.Asynchronous`, `isAsync == false`).
        /// </summary>
        private static bool? SyncSide(ExpressionSyntax condition)
        {
            var negated = false;
            while (true)
            {
                switch (condition)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        condition = parenthesized.Expression;
                        continue;
                    case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.LogicalNotExpression):
                        negated = !negated;
                        condition = prefix.Operand;
                        continue;
                }

                break;
            }

            bool? trueIsSync = condition switch
            {
                // `context.IsSynchronous && !task.IsCompleted`: its true side has the sync operand true.
                BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression)
                    => SyncSide(binary.Left) == true || SyncSide(binary.Right) == true ? true : null,
                // `isAsync || x`: its false side has the async operand false.
                BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalOrExpression)
                    => SyncSide(binary.Left) == false || SyncSide(binary.Right) == false ? false : null,
                BinaryExpressionSyntax binary => ComparisonSyncSide(binary),
                _ => ModeOfName(LastName(condition)) is bool async ? !async : null,
            };

            return trueIsSync is bool value ? value != negated : null;
        }

        /// <summary>
        /// `ioBehavior == IOBehavior.Synchronous`, `mode != Mode.Asynchronous`, `isAsync == false`: one side
        /// names a mode (an enum member or a flag), the other is what is compared with it.
        /// </summary>
        private static bool? ComparisonSyncSide(BinaryExpressionSyntax binary)
        {
            bool equals;
            if (binary.IsKind(SyntaxKind.EqualsExpression))
            {
                equals = true;
            }
            else if (binary.IsKind(SyntaxKind.NotEqualsExpression))
            {
                equals = false;
            }
            else
            {
                return null;
            }

            bool? trueIsSync = null;
            if (binary.Right is LiteralExpressionSyntax literal && ModeOfName(LastName(binary.Left)) is bool flagIsAsync)
            {
                // `isAsync == false`: the comparison is true on the sync side when the literal is the sync value.
                if (literal.IsKind(SyntaxKind.TrueLiteralExpression) || literal.IsKind(SyntaxKind.FalseLiteralExpression))
                {
                    trueIsSync = literal.IsKind(SyntaxKind.TrueLiteralExpression) != flagIsAsync;
                }
            }
            else if (binary.Right is MemberAccessExpressionSyntax && ModeOfName(LastName(binary.Right)) is bool valueIsAsync
                && ModeOfName(LastName(binary.Left)) == null)
            {
                trueIsSync = !valueIsAsync;
            }
            else if (binary.Left is MemberAccessExpressionSyntax && ModeOfName(LastName(binary.Left)) is bool leftIsAsync
                && ModeOfName(LastName(binary.Right)) == null)
            {
                trueIsSync = !leftIsAsync;
            }

            return trueIsSync is bool value ? value == equals : null;
        }

        private static string? LastName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
            _ => null,
        };

        /// <summary>
        /// True for a name that says "asynchronous" (`async`, `isAsync`, `useAsync`, `Asynchronous`), false
        /// for one that says "synchronous" (`sync`, `synchronous`, `IsSynchronous`), null for any other.
        /// </summary>
        private static bool? ModeOfName(string? name)
        {
            if (name == null)
            {
                return null;
            }

            if (name.IndexOf("async", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            return name.IndexOf("sync", StringComparison.OrdinalIgnoreCase) >= 0 ? false : null;
        }
    }
}
