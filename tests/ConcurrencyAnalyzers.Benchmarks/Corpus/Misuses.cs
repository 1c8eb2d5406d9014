using System;
using System.Collections.Generic;

namespace ConcurrencyAnalyzers.Benchmarks.Corpus
{
    /// <summary>
    /// One kind of misuse the seeded corpora sprinkle into otherwise clean classes. <see cref="Member"/>
    /// writes a class member (method or property) that contains exactly the misuse and nothing else any
    /// rule should report; <see cref="Expected"/> says which diagnostics it must produce, one each.
    /// Members can use the fields every generated service/form has: <c>_repository</c> (an I{Entity}Repository
    /// with CountAsync/LoadAsync/SaveAsync) and <c>_gate</c> (a SemaphoreSlim).
    /// </summary>
    internal sealed class Misuse
    {
        public Misuse(string name, int count, Func<int, string> member, params string[] expected)
        {
            Name = name;
            Count = count;
            Member = member;
            Expected = expected;
        }

        public string Name { get; }

        /// <summary>How many are seeded (before scaling with the corpus size).</summary>
        public int Count { get; }

        /// <summary>Writes the member; the argument is a unique number to keep member names apart.</summary>
        public Func<int, string> Member { get; }

        /// <summary>Rule ids this misuse must produce once each. Seeded only when every id is supported by a loaded analyzer.</summary>
        public IReadOnlyList<string> Expected { get; }
    }

    /// <summary>
    /// The tables of seeded misuses. To seed a newly landed rule, add rows here: the benchmark seeds a row
    /// only when all its ids are supported by our loaded analyzers, and then checks that each rule reports
    /// exactly the seeded count (no more, no fewer), so a rule that reports nothing cannot look fast.
    /// </summary>
    internal static class Misuses
    {
        /// <summary>Service-style code (corpus b).</summary>
        public static IReadOnlyList<Misuse> Service { get; } = new[]
        {
            // ---- SyncOverAsync ------------------------------------------------------------------
            new Misuse("Result in async method", 12, n => $@"
        public async Task<int> SeedResult{n}Async(CancellationToken cancellationToken)
        {{
            await Task.Yield();
            return _repository.CountAsync(cancellationToken).Result;
        }}", "CONC0101"),
            new Misuse("Wait() in async method", 8, n => $@"
        public async Task SeedWait{n}Async(CancellationToken cancellationToken)
        {{
            _repository.CountAsync(cancellationToken).Wait();
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }}", "CONC0101"),
            new Misuse("GetAwaiter().GetResult() in async lambda", 6, n => $@"
        public Task<int> SeedLambda{n}Async(CancellationToken cancellationToken)
        {{
            Func<Task<int>> work = async () =>
            {{
                await Task.Yield();
                return _repository.CountAsync(cancellationToken).GetAwaiter().GetResult();
            }};
            return work();
        }}", "CONC0101"),
            new Misuse("Task.WaitAll in async method", 4, n => $@"
        public async Task SeedWaitAll{n}Async(CancellationToken cancellationToken)
        {{
            var first = _repository.CountAsync(cancellationToken);
            var second = _repository.CountAsync(cancellationToken);
            Task.WaitAll(first, second);
            await Task.Yield();
        }}", "CONC0101"),
            new Misuse("Result in sync method", 10, n => $@"
        public int SeedSyncCount{n}() => _repository.CountAsync(CancellationToken.None).Result;", "CONC0102"),
            new Misuse("GetResult in property getter", 5, n => $@"
        public int SeedCountProperty{n} => _repository.CountAsync(CancellationToken.None).GetAwaiter().GetResult();", "CONC0102"),
            new Misuse("Wait() in sync lambda", 5, n => $@"
        public void SeedCallback{n}(List<int> ids)
        {{
            ids.ForEach(id => _repository.CountAsync(CancellationToken.None).Wait());
        }}", "CONC0102"),

            // ---- Blocking / ThreadPlacement / AsyncHygiene / SharedState: add rows as the rules land,
            // e.g. new Misuse("Thread.Sleep in async method", 6, n => "...", "CONC0202").
        };

        /// <summary>UI-style code (corpus c): event handlers on stub forms.</summary>
        public static IReadOnlyList<Misuse> Ui { get; } = new[]
        {
            new Misuse("Result in sync click handler", 6, n => $@"
        private void OnSeedRefresh{n}(object? sender, EventArgs e)
        {{
            _status.Text = _repository.CountAsync(CancellationToken.None).Result.ToString();
        }}", "CONC0102"),
            new Misuse("Wait() in async void handler", 4, n => $@"
        private async void OnSeedSave{n}(object? sender, EventArgs e)
        {{
            _repository.CountAsync(CancellationToken.None).Wait();
            await Task.Yield();
            _status.Text = ""saved"";
        }}", "CONC0101"),
        };
    }
}
