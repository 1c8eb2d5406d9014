using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>Small navigation questions about operation and syntax trees and method names, asked by several rules; the walks allocate nothing.</summary>
    internal static class OperationTree
    {
        /// <summary>The topmost operation of the body (or initializer) that holds <paramref name="operation"/>.</summary>
        public static IOperation Root(IOperation operation)
        {
            var current = operation;
            while (current.Parent != null)
            {
                current = current.Parent;
            }

            return current;
        }

        // Deeper than this the walk goes on with Roslyn's iterator (which keeps its own stack), so a
        // pathological tree (a concatenation of thousands of terms) cannot overflow the thread's stack.
        private const int MaxRecursionDepth = 200;

        /// <summary>
        /// The first operation of the subtree, the root included, that <paramref name="match"/> accepts, in
        /// the order of DescendantsAndSelf. Unlike DescendantsAndSelf it allocates nothing (ChildOperations has a
        /// struct enumerator), and it runs for every loop, lock and shared update on the clean path. Pass a
        /// static lambda and its data in <paramref name="state"/>, so no closure is allocated either.
        /// </summary>
        public static IOperation? Find<TState>(IOperation root, TState state, Func<IOperation, TState, bool> match)
            => Find(root, state, match, 0);

        /// <summary>Whether any operation of the subtree, the root included, matches (see <see cref="Find"/>).</summary>
        public static bool Any<TState>(IOperation root, TState state, Func<IOperation, TState, bool> match)
            => Find(root, state, match, 0) != null;

        private static IOperation? Find<TState>(IOperation operation, TState state, Func<IOperation, TState, bool> match, int depth)
        {
            if (match(operation, state))
            {
                return operation;
            }

            if (depth >= MaxRecursionDepth)
            {
                foreach (var descendant in operation.Descendants())
                {
                    if (match(descendant, state))
                    {
                        return descendant;
                    }
                }

                return null;
            }

            foreach (var child in operation.ChildOperations)
            {
                var found = Find(child, state, match, depth + 1);
                if (found != null)
                {
                    return found;
                }
            }

            return null;
        }

        /// <summary>
        /// The operation that declares <paramref name="local"/> (its declarator, or the foreach loop of an iteration
        /// variable), searched in the tree of <paramref name="use"/> up to the use itself; null when it is declared
        /// some other way (a pattern, an out variable). Allocation-free, unlike DeclaringSyntaxReferences, which
        /// builds a new array on every call.
        /// </summary>
        public static IOperation? DeclarationOf(ILocalSymbol local, IOperation use)
        {
            // Walk up first: a foreach declares its iteration variable, and a block's own locals are declared by its
            // direct statements (a declaration cannot be an embedded statement), so only those are read.
            var before = use.Syntax.SpanStart;
            for (var current = use.Parent; current != null; current = current.Parent)
            {
                if (current is IForEachLoopOperation loop && Contains(loop.Locals, local))
                {
                    return loop;
                }

                if (current is IBlockOperation block && Contains(block.Locals, local))
                {
                    return DeclaratorAmong(block.Operations, local, before);
                }
            }

            // Any other owner (a for loop, a switch section, a using or fixed statement...): search the whole tree.
            // The full span's start (stored) instead of SpanStart (a walk to the first token): `Before` is
            // a token's start, never inside another node's leading trivia, so both say the same here.
            var found = Find(Root(use), (Local: local, Before: use.Syntax.SpanStart), static (node, target) =>
                node.Syntax.FullSpan.Start > target.Before
                || (node is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, target.Local))
                || (node is IForEachLoopOperation loop && DeclaresLocal(loop, target.Local)));
            return found is IVariableDeclaratorOperation or IForEachLoopOperation ? found : null;
        }

        private static bool DeclaresLocal(IForEachLoopOperation loop, ILocalSymbol local) => Contains(loop.Locals, local);

        private static bool Contains(ImmutableArray<ILocalSymbol> locals, ILocalSymbol local)
        {
            foreach (var declared in locals)
            {
                if (SymbolEqualityComparer.Default.Equals(declared, local))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The declarator of <paramref name="local"/> among a block's statements that start before <paramref name="before"/>; null for a pattern or out variable.</summary>
        private static IVariableDeclaratorOperation? DeclaratorAmong(ImmutableArray<IOperation> statements, ILocalSymbol local, int before)
        {
            foreach (var statement in statements)
            {
                if (statement.Syntax.FullSpan.Start > before)
                {
                    break;
                }

                var group = statement as IVariableDeclarationGroupOperation ?? (statement as IUsingDeclarationOperation)?.DeclarationGroup;
                if (group == null)
                {
                    continue;
                }

                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                        {
                            return declarator;
                        }
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The first syntax node of the subtree, the root included, that <paramref name="match"/> accepts, in the
        /// order of DescendantNodesAndSelf, without its iterator allocations (ChildNodesAndTokens has a struct
        /// enumerator). Nodes <paramref name="descendInto"/> rejects are matched but not entered, and nodes that
        /// start at or after <paramref name="before"/> are skipped with their subtree (a search of what precedes
        /// a position need not read the rest).
        /// </summary>
        public static SyntaxNode? FindNode<TState>(SyntaxNode root, TState state, Func<SyntaxNode, TState, bool> match, Func<SyntaxNode, bool>? descendInto = null, int before = int.MaxValue)
            => FindNode(root, state, match, descendInto, before, 0);

        private static SyntaxNode? FindNode<TState>(SyntaxNode node, TState state, Func<SyntaxNode, TState, bool> match, Func<SyntaxNode, bool>? descendInto, int before, int depth)
        {
            if (match(node, state))
            {
                return node;
            }

            if (descendInto != null && !descendInto(node))
            {
                return null;
            }

            if (depth >= MaxRecursionDepth)
            {
                return FindNodeIteratively(node, state, match, descendInto, before);
            }

            foreach (var child in node.ChildNodesAndTokens())
            {
                // A node's SpanStart walks down to its first token; the full span is stored. Only a child whose
                // full span reaches `before` can start at or after it.
                if (before != int.MaxValue && child.FullSpan.End >= before && (child.FullSpan.Start >= before || child.SpanStart >= before))
                {
                    break;
                }

                if (child.AsNode() is { } childNode)
                {
                    var found = FindNode(childNode, state, match, descendInto, before, depth + 1);
                    if (found != null)
                    {
                        return found;
                    }
                }
            }

            return null;
        }

        // Its own method: a lambda capturing the parameters would make every recursive call allocate a closure.
        private static SyntaxNode? FindNodeIteratively<TState>(SyntaxNode node, TState state, Func<SyntaxNode, TState, bool> match, Func<SyntaxNode, bool>? descendInto, int before)
        {
            foreach (var descendant in node.DescendantNodes(n => (descendInto == null || descendInto(n)) && n.SpanStart < before))
            {
                if (descendant.SpanStart < before && match(descendant, state))
                {
                    return descendant;
                }
            }

            return null;
        }

        /// <summary>
        /// What a delegate-typed value refers to, through conversions and delegate creations: the lambda,
        /// the method reference, or the value itself when it is neither.
        /// </summary>
        public static IOperation DelegateTarget(IOperation value)
        {
            while (true)
            {
                switch (value)
                {
                    case IConversionOperation conversion:
                        value = conversion.Operand;
                        continue;
                    case IDelegateCreationOperation creation:
                        value = creation.Target;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        value = parenthesized.Operand;
                        continue;
                    default:
                        return value;
                }
            }
        }

        /// <summary>The expression a method name stands for: `M` itself, or `x.M` when it is the member name.</summary>
        public static ExpressionSyntax NamedExpression(SimpleNameSyntax name)
            => name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;

        /// <summary>The call whose target is this name (`M(...)`, `this.M(...)`), else null: the name is then a method group or a value.</summary>
        public static InvocationExpressionSyntax? InvocationOf(SimpleNameSyntax name)
        {
            var expression = NamedExpression(name);
            return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : null;
        }
    }
}
