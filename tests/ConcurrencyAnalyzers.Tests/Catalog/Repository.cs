using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.Tests.Catalog
{
    /// <summary>Finds the repository on disk and every analyzer, descriptor and fix the package ships.</summary>
    internal static class Repository
    {
        public static string Root { get; } = FindRoot();

        /// <summary>The analyzers the compiler loads: those with [DiagnosticAnalyzer] (rule families and single rules).</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = Instantiate<DiagnosticAnalyzer>(typeof(Rules.RuleIds).Assembly)
            .Where(a => a.GetType().GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false).Length > 0)
            .ToImmutableArray();

        public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = Instantiate<CodeFixProvider>(typeof(CodeFixes.Shared.AwaitSyntax).Assembly);

        public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } =
            Analyzers.SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id).Select(g => g.First()).OrderBy(d => d.Id).ToImmutableArray();

        public static IEnumerable<object[]> DescriptorIds => Descriptors.Select(d => new object[] { d.Id });

        private static ImmutableArray<T> Instantiate<T>(Assembly assembly)
            => assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(T).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (T)Activator.CreateInstance(t)!)
                .ToImmutableArray();

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ConcurrencyAnalyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Cannot find the repository root (ConcurrencyAnalyzers.sln) above " + AppContext.BaseDirectory);
        }
    }
}
