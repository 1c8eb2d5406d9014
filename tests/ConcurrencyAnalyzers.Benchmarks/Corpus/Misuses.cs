using System;
using System.Collections.Generic;

namespace ConcurrencyAnalyzers.Benchmarks.Corpus
{
    /// <summary>
    /// One kind of misuse the seeded corpora sprinkle into otherwise clean classes. <see cref="Member"/>
    /// writes a class member (method or property) that contains exactly the misuse and nothing else any
    /// rule should report; <see cref="Expected"/> says which diagnostics it must produce, one each.
    /// Members can use the fields every generated service/form has: <c>_repository</c> (an I{Entity}Repository
    /// with CountAsync/LoadAsync/SaveAsync); services also <c>_gate</c> (a SemaphoreSlim) and <c>_processed</c>
    /// (an int), forms <c>_status</c> (a Label) and <c>_list</c> (a ListBox). Service files import
    /// Microsoft.Extensions.Hosting (a stub IHostedService in the corpus).
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

            // ---- Blocking ------------------------------------------------------------------------
            new Misuse("File.ReadAllText in async method", 8, n => $@"
        public async Task<int> SeedImport{n}Async(string path, CancellationToken cancellationToken)
        {{
            var text = File.ReadAllText(path);
            var count = await _repository.CountAsync(cancellationToken).ConfigureAwait(false);
            return text.Length + count;
        }}", "CONC0201"),
            new Misuse("Thread.Sleep polling in async method", 6, n => $@"
        public async Task<int> SeedWaitForExport{n}Async(string path, CancellationToken cancellationToken)
        {{
            while (!File.Exists(path))
            {{
                Thread.Sleep(100);
            }}

            return await _repository.CountAsync(cancellationToken).ConfigureAwait(false);
        }}", "CONC0202"),
            new Misuse("SemaphoreSlim.Wait in async method", 6, n => $@"
        public async Task<int> SeedGuardedCount{n}Async(CancellationToken cancellationToken)
        {{
            _gate.Wait(cancellationToken);
            try
            {{
                return await _repository.CountAsync(cancellationToken).ConfigureAwait(false);
            }}
            finally
            {{
                _gate.Release();
            }}
        }}", "CONC0203"),

            // ---- ThreadPlacement -------------------------------------------------------------------
            new Misuse("Sleeping monitor loop in Task.Run", 4, n => $@"
        public Task SeedMonitor{n}(CancellationToken cancellationToken)
        {{
            return Task.Run(() =>
            {{
                while (!cancellationToken.IsCancellationRequested)
                {{
                    Interlocked.Increment(ref _processed);
                    Thread.Sleep(30_000);
                }}
            }});
        }}", "CONC0302"),
            new Misuse("Hosted service precomputes a table in StartAsync", 4, n => $@"
        public sealed class SeedRateWarmer{n} : IHostedService
        {{
            private readonly Func<CancellationToken, Task<int>> _load;
            private readonly decimal[] _rates = new decimal[2_000 * 500];

            public SeedRateWarmer{n}(Func<CancellationToken, Task<int>> load)
            {{
                _load = load;
            }}

            public async Task StartAsync(CancellationToken cancellationToken)
            {{
                for (var region = 0; region < 2_000; region++)
                {{
                    for (var band = 0; band < 500; band++)
                    {{
                        _rates[region * 500 + band] = (region % 17 + band * 3) / 100m;
                    }}
                }}

                await _load(cancellationToken).ConfigureAwait(false);
            }}

            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }}", "CONC0303"),
            new Misuse("LongRunning StartNew with async listener", 4, n => $@"
        public Task SeedListener{n}(CancellationToken cancellationToken)
        {{
            return Task.Factory.StartNew(async () =>
            {{
                while (!cancellationToken.IsCancellationRequested)
                {{
                    await _repository.CountAsync(cancellationToken).ConfigureAwait(false);
                }}
            }}, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }}", "CONC0304"),

            // ---- AsyncHygiene ----------------------------------------------------------------------
            new Misuse("async void refresh method", 6, n => $@"
        public async void SeedRefresh{n}()
        {{
            var count = await _repository.CountAsync(CancellationToken.None).ConfigureAwait(false);
            Interlocked.Add(ref _processed, count);
        }}", "CONC0401"),
            new Misuse("async lambda to List.ForEach", 6, n => $@"
        public void SeedReload{n}(List<Guid> ids)
        {{
            ids.ForEach(async id => await _repository.LoadAsync(id, CancellationToken.None));
        }}", "CONC0402"),
            new Misuse("StartNew with async delegate", 4, n => $@"
        public async Task<int> SeedOffloadedCount{n}Async(CancellationToken cancellationToken)
        {{
            var inner = await Task.Factory.StartNew(async () => await _repository.CountAsync(cancellationToken).ConfigureAwait(false), cancellationToken);
            return inner.IsCompleted ? 1 : 0;
        }}", "CONC0403"),
            new Misuse("dropped task in async method", 8, n => $@"
        public async Task SeedTouch{n}Async(CancellationToken cancellationToken)
        {{
            _repository.CountAsync(cancellationToken);
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }}", "CONC0404"),
            new Misuse("TaskCompletionSource field without RunContinuationsAsynchronously", 4, n => $@"
        private readonly TaskCompletionSource<bool> _seedReady{n} = new TaskCompletionSource<bool>();

        public Task SeedReady{n} => _seedReady{n}.Task;

        public void SeedMarkReady{n}() => _seedReady{n}.TrySetResult(true);", "CONC0405"),

            // ---- SharedState -----------------------------------------------------------------------
            new Misuse("counter++ in Parallel.ForEach", 6, n => $@"
        public int SeedCountPositive{n}(List<int> values)
        {{
            var positive = 0;
            Parallel.ForEach(values, value =>
            {{
                if (value > 0)
                {{
                    positive++;
                }}
            }});
            return positive;
        }}", "CONC0501"),
            new Misuse("List.Add in Parallel.ForEach", 6, n => $@"
        public List<int> SeedSelectPositive{n}(List<int> values)
        {{
            var selected = new List<int>();
            Parallel.ForEach(values, value =>
            {{
                if (value > 0)
                {{
                    selected.Add(value);
                }}
            }});
            return selected;
        }}", "CONC0502"),
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
            new Misuse("pairwise duplicate scan in async click handler", 4, n => $@"
        private async void OnSeedFindDuplicates{n}(object? sender, EventArgs e)
        {{
            var count = await _repository.CountAsync(CancellationToken.None);
            var names = _list.Items.ToArray();
            var duplicates = 0;
            for (var i = 0; i < names.Length; i++)
            {{
                for (var j = i + 1; j < names.Length; j++)
                {{
                    if (string.Equals(names[i], names[j], StringComparison.OrdinalIgnoreCase))
                    {{
                        duplicates++;
                    }}
                }}
            }}

            _status.Text = $""{{count}} items, {{duplicates}} duplicates"";
        }}", "CONC0301"),
            new Misuse("dropped refresh in sync click handler", 4, n => $@"
        private void OnSeedQuickRefresh{n}(object? sender, EventArgs e)
        {{
            _repository.CountAsync(CancellationToken.None);
            _status.Text = ""refreshing"";
        }}", "CONC0404"),
        };
    }
}
