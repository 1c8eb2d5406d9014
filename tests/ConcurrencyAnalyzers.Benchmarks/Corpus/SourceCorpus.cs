using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Benchmarks.Corpus
{
    /// <summary>
    /// Real code from disk (`--sources DIR`): every folder directly under DIR is one corpus (a library's
    /// sources, for example), named after the folder. Libraries it needs come from `--refs DIR`: every
    /// assembly there except the one named like the corpus, which the sources themselves define.
    /// </summary>
    internal static class SourceCorpus
    {
        public static List<GeneratedCorpus> Load(string sourcesDir, string? refsDir)
        {
            var corpora = new List<GeneratedCorpus>();
            foreach (var dir in Directory.GetDirectories(sourcesDir).OrderBy(d => d, StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dir);
                var files = new List<(string Path, string Text)>();
                foreach (var file in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                {
                    var relative = Path.GetRelativePath(dir, file);
                    if (relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    files.Add((relative, File.ReadAllText(file)));
                }

                if (files.Count == 0)
                {
                    continue;
                }

                var largest = files.OrderByDescending(f => f.Text.Length).First().Path;
                corpora.Add(new GeneratedCorpus(name, files, seeded: null, largest, LibraryReferences(refsDir, name)));
            }

            return corpora;
        }

        private static ImmutableArray<MetadataReference> LibraryReferences(string? refsDir, string corpusName)
        {
            if (refsDir == null)
            {
                return ImmutableArray<MetadataReference>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<MetadataReference>();
            foreach (var dll in Directory.GetFiles(refsDir, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
            {
                if (!string.Equals(Path.GetFileNameWithoutExtension(dll), corpusName, StringComparison.OrdinalIgnoreCase))
                {
                    builder.Add(MetadataReference.CreateFromFile(dll));
                }
            }

            return builder.ToImmutable();
        }
    }
}
