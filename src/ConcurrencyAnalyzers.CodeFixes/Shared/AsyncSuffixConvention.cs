using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.CodeFixes.Shared
{
    /// <summary>
    /// Does a project name its awaitable methods `...Async`? Measured over the project's own source
    /// methods that return an awaitable type (ordinary methods; overrides, interface implementations,
    /// test methods, event handlers and Main excluded): the convention holds when more than half of them
    /// end in "Async". No such method means no evidence, and no rename. The measure is monotonic under
    /// this fix (a renamed method adds to the majority, an unrenamed one to the minority), so applying
    /// fixes one by one decides the same way as FixAll.
    /// A method is renamed only when the convention holds, it is an ordinary method no code outside the
    /// solution can bind to (not public API, and no InternalsVisibleTo naming an assembly outside the
    /// solution), nothing names it with `nameof`, and no member with the new name exists in its type or bases.
    /// </summary>
    internal sealed class AsyncSuffixConvention
    {
        private readonly Dictionary<ProjectId, bool> _projects = new Dictionary<ProjectId, bool>();

        public async Task DecideNamesAsync(AsyncChain chain, Solution solution, CancellationToken cancellationToken)
        {
            foreach (var member in chain.Members.Values)
            {
                member.NewName = null;
                var name = member.Symbol.Name;
                if (member.Kind != ChainMemberKind.Ordinary
                    || member.InFamily
                    || member.HasNameOf
                    || name.EndsWith("Async", StringComparison.Ordinal)
                    || IsVisibleOutsideSolution(member.Symbol, solution))
                {
                    continue;
                }

                var project = solution.GetDocument(member.Document)?.Project;
                if (project == null || !await FollowsConventionAsync(project, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                var newName = name + "Async";
                if (HasMemberNamed(member.Symbol.ContainingType, newName))
                {
                    continue;
                }

                member.NewName = newName;
            }
        }

        private async Task<bool> FollowsConventionAsync(Project project, CancellationToken cancellationToken)
        {
            if (_projects.TryGetValue(project.Id, out var follows))
            {
                return follows;
            }

            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var total = 0;
            var suffixed = 0;
            if (compilation != null)
            {
                foreach (var symbol in compilation.GetSymbolsWithName(_ => true, SymbolFilter.Member, cancellationToken))
                {
                    if (symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsOverride: false, IsImplicitlyDeclared: false, ReturnsVoid: false } method
                        && method.ExplicitInterfaceImplementations.IsEmpty
                        && ChainRules.IsAwaitable(method.ReturnType)
                        && !ChainRules.IsTestMethod(method)
                        && !ChainRules.IsEntryPoint(method))
                    {
                        total++;
                        if (method.Name.EndsWith("Async", StringComparison.Ordinal))
                        {
                            suffixed++;
                        }
                    }
                }
            }

            follows = total > 0 && suffixed * 2 > total;
            _projects[project.Id] = follows;
            return follows;
        }

        private static bool IsVisibleOutsideSolution(IMethodSymbol method, Solution solution)
        {
            ISymbol? symbol = method;
            var internalSomewhere = false;
            for (; symbol is not (null or INamespaceSymbol); symbol = symbol.ContainingSymbol)
            {
                switch (symbol.DeclaredAccessibility)
                {
                    case Accessibility.Public:
                    case Accessibility.Protected:
                    case Accessibility.ProtectedOrInternal:
                        break;
                    case Accessibility.Internal:
                    case Accessibility.ProtectedAndInternal:
                        internalSomewhere = true;
                        break;
                    default:
                        return false;
                }
            }

            if (!internalSomewhere)
            {
                return true;
            }

            // Internal: visible outside only through InternalsVisibleTo an assembly the solution does not hold.
            foreach (var attribute in method.ContainingAssembly.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "InternalsVisibleToAttribute" }
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string friend
                    && !SolutionHasAssembly(solution, friend))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SolutionHasAssembly(Solution solution, string friend)
        {
            var comma = friend.IndexOf(',');
            var name = (comma < 0 ? friend : friend.Substring(0, comma)).Trim();
            foreach (var project in solution.Projects)
            {
                if (string.Equals(project.AssemblyName, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasMemberNamed(INamedTypeSymbol? type, string name)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (!current.GetMembers(name).IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
