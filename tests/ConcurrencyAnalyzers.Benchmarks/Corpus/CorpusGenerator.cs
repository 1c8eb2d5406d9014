using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Benchmarks.Corpus
{
    /// <summary>
    /// A code base to measure: files (path, text) and how many diagnostics of each rule were seeded. Generated
    /// corpora know their counts; a real library's sources (<c>--sources</c>) do not, and bring references of their own.
    /// </summary>
    internal sealed class GeneratedCorpus
    {
        public GeneratedCorpus(string name, List<(string Path, string Text)> files, Dictionary<string, int>? seeded, string largeDocumentPath, ImmutableArray<MetadataReference> references = default)
        {
            Name = name;
            Files = files;
            Seeded = seeded;
            LargeDocumentPath = largeDocumentPath;
            References = references.IsDefault ? ImmutableArray<MetadataReference>.Empty : references;
        }

        public string Name { get; }

        public List<(string Path, string Text)> Files { get; }

        /// <summary>Rule id -> number of seeded misuses; every other rule must report nothing. Null: unknown (real code).</summary>
        public Dictionary<string, int>? Seeded { get; }

        /// <summary>Libraries the code needs beyond the framework's reference assemblies.</summary>
        public ImmutableArray<MetadataReference> References { get; }

        /// <summary>The file used for the IDE-latency measurement (the biggest one).</summary>
        public string LargeDocumentPath { get; }

        public int Lines => Files.Sum(f => CountLines(f.Text));

        private static int CountLines(string text)
        {
            var lines = 1;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    lines++;
                }
            }

            return lines;
        }
    }

    /// <summary>
    /// Writes deterministic corpora (fixed seeds, no clock, no environment): the same arguments give the
    /// same text on every machine. Modules are entity-centred: model, repository (async file I/O with a
    /// cache and a gate), service (business logic awaiting the repository), controller (stub MVC types).
    /// </summary>
    internal static class CorpusGenerator
    {
        private static readonly string[] Entities =
        {
            "Order", "Customer", "Invoice", "Product", "Shipment", "Payment", "Warehouse", "Supplier", "Basket", "Refund",
            "Coupon", "Review", "Account", "Ledger", "Report", "Ticket", "Session", "Employee", "Contract", "Delivery",
        };

        private static readonly string[] PropertyTypes = { "string", "int", "decimal", "DateTime", "bool", "long", "Guid" };

        /// <summary>(a) clean async code base, or (b) the same with the service misuses seeded.</summary>
        public static GeneratedCorpus Services(int modules, bool seeded, ISet<string> supportedIds)
        {
            var rng = new Random(20261125);
            var plan = seeded ? Plan(Misuses.Service, modules, modules, supportedIds, new Random(8), out var counts) : Empty(out counts);
            var files = new List<(string, string)> { ("Infrastructure/Web.cs", WebStubs()), ("Infrastructure/Hosting.cs", HostingStubs()) };
            for (var i = 0; i < modules; i++)
            {
                var entity = Entities[i % Entities.Length] + (i / Entities.Length).ToString(CultureInfo.InvariantCulture);
                var ns = "Shop.M" + (i / 50).ToString(CultureInfo.InvariantCulture);
                var props = rng.Next(4, 9);
                files.Add(($"Models/{entity}.cs", Model(ns, entity, props, rng)));
                files.Add(($"Repositories/{entity}Repository.cs", Repository(ns, entity, rng)));
                files.Add(($"Services/{entity}Service.cs", Service(ns, entity, rng, plan.TryGetValue(i, out var extra) ? extra : null)));
                files.Add(($"Controllers/{entity}Controller.cs", Controller(ns, entity, rng)));
            }

            var large = LargeService("Shop.Large", rng);
            files.Add(("Services/LargeOrderWorkflow.cs", large));
            return new GeneratedCorpus(seeded ? "seeded services" : "clean services", files, counts, "Services/LargeOrderWorkflow.cs");
        }

        /// <summary>(c) UI-style code base: forms with async event handlers over stub Form/Control types.</summary>
        public static GeneratedCorpus Ui(int forms, ISet<string> supportedIds)
        {
            var rng = new Random(4242);
            var plan = Plan(Misuses.Ui, forms, Math.Max(1, forms / 2), supportedIds, new Random(9), out var counts);
            var files = new List<(string, string)> { ("Infrastructure/Forms.cs", FormStubs()) };
            for (var i = 0; i < forms; i++)
            {
                var entity = Entities[i % Entities.Length] + (i / Entities.Length).ToString(CultureInfo.InvariantCulture);
                var ns = "Desk.M" + (i / 50).ToString(CultureInfo.InvariantCulture);
                files.Add(($"Data/{entity}Repository.cs", Repository(ns, entity, rng)));
                files.Add(($"Forms/{entity}Form.cs", Form(ns, entity, rng, plan.TryGetValue(i, out var extra) ? extra : null)));
            }

            files.Add(("Forms/MainForm.cs", LargeForm("Desk.Main", rng)));
            return new GeneratedCorpus("UI forms", files, counts, "Forms/MainForm.cs");
        }

        private static Dictionary<int, List<string>> Empty(out Dictionary<string, int> counts)
        {
            counts = new Dictionary<string, int>(StringComparer.Ordinal);
            return new Dictionary<int, List<string>>();
        }

        /// <summary>Spreads each table row's count (scaled by size/reference) over random classes.</summary>
        private static Dictionary<int, List<string>> Plan(IReadOnlyList<Misuse> table, int classes, int reference, ISet<string> supportedIds, Random rng, out Dictionary<string, int> counts)
        {
            counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var plan = new Dictionary<int, List<string>>();
            var unique = 0;
            var scale = Math.Max(1.0, reference / 250.0);
            foreach (var misuse in table)
            {
                if (!misuse.Expected.All(supportedIds.Contains))
                {
                    continue;
                }

                var count = (int)Math.Round(misuse.Count * scale);
                for (var k = 0; k < count; k++)
                {
                    var target = rng.Next(classes);
                    if (!plan.TryGetValue(target, out var members))
                    {
                        plan[target] = members = new List<string>();
                    }

                    members.Add(misuse.Member(unique++));
                    foreach (var id in misuse.Expected)
                    {
                        counts[id] = counts.TryGetValue(id, out var c) ? c + 1 : 1;
                    }
                }
            }

            return plan;
        }

        private const string Usings = @"using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
";

        private static string Model(string ns, string entity, int props, Random rng)
        {
            var sb = new StringBuilder(Usings);
            sb.Append("\nnamespace ").Append(ns).Append("\n{\n");
            sb.Append("    public sealed class ").Append(entity).Append("\n    {\n");
            sb.Append("        public Guid Id { get; set; }\n");
            for (var p = 0; p < props; p++)
            {
                sb.Append("        public ").Append(PropertyTypes[rng.Next(PropertyTypes.Length)]).Append(" Field").Append(p).Append(" { get; set; }\n");
            }

            sb.Append("        public List<string> Tags { get; } = new List<string>();\n");
            sb.Append(@"
        public override string ToString() => $""" + entity + @" {Id} ({Tags.Count} tags)"";
    }

    public sealed record " + entity + @"Summary(Guid Id, string Name, int Count);
}
");
            return sb.ToString();
        }

        private static string Repository(string ns, string entity, Random rng)
        {
            var retries = rng.Next(2, 5);
            return Usings + $@"
namespace {ns}
{{
    public interface I{entity}Repository
    {{
        Task<int> CountAsync(CancellationToken cancellationToken);
        Task<{entity}?> LoadAsync(Guid id, CancellationToken cancellationToken);
        Task SaveAsync({entity} item, CancellationToken cancellationToken);
        IAsyncEnumerable<{entity}> StreamAsync(CancellationToken cancellationToken);
    }}

    /// <summary>Stores {entity} items as files; correct async I/O throughout.</summary>
    public sealed class {entity}Repository : I{entity}Repository, IAsyncDisposable
    {{
        private readonly string _root;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private readonly ConcurrentDictionary<Guid, {entity}> _cache = new ConcurrentDictionary<Guid, {entity}>();

        public {entity}Repository(string root)
        {{
            _root = root ?? throw new ArgumentNullException(nameof(root));
        }}

        public async Task<int> CountAsync(CancellationToken cancellationToken)
        {{
            var files = Directory.EnumerateFiles(_root, ""*.{entity.ToLowerInvariant()}"");
            var count = 0;
            foreach (var file in files)
            {{
                cancellationToken.ThrowIfCancellationRequested();
                var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
                if (text.Length > 0)
                {{
                    count++;
                }}
            }}

            return count;
        }}

        public async Task<{entity}?> LoadAsync(Guid id, CancellationToken cancellationToken)
        {{
            if (_cache.TryGetValue(id, out var cached))
            {{
                return cached;
            }}

            for (var attempt = 0; attempt < {retries}; attempt++)
            {{
                try
                {{
                    await using var stream = new FileStream(Path.Combine(_root, id.ToString(""N"")), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                    var item = new {entity} {{ Id = id }};
                    foreach (var tag in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {{
                        item.Tags.Add(tag.Trim());
                    }}

                    _cache[id] = item;
                    return item;
                }}
                catch (IOException) when (attempt < {retries - 1})
                {{
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
                }}
            }}

            return null;
        }}

        public async Task SaveAsync({entity} item, CancellationToken cancellationToken)
        {{
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {{
                var path = Path.Combine(_root, item.Id.ToString(""N""));
                await File.WriteAllTextAsync(path, string.Join("","", item.Tags), cancellationToken).ConfigureAwait(false);
                _cache[item.Id] = item;
            }}
            finally
            {{
                _gate.Release();
            }}
        }}

        public async IAsyncEnumerable<{entity}> StreamAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {{
            foreach (var file in Directory.EnumerateFiles(_root))
            {{
                var lines = await File.ReadAllLinesAsync(file, cancellationToken).ConfigureAwait(false);
                yield return new {entity} {{ Id = Guid.NewGuid(), }};
                if (lines.Length == 0)
                {{
                    yield break;
                }}
            }}
        }}

        public ValueTask DisposeAsync()
        {{
            _gate.Dispose();
            return default;
        }}
    }}
}}
";
        }

        private static string Service(string ns, string entity, Random rng, List<string>? seeded)
        {
            var sb = new StringBuilder(Usings);
            sb.Append($@"using Microsoft.Extensions.Hosting;

namespace {ns}
{{
    public sealed class {entity}Service
    {{
        private readonly I{entity}Repository _repository;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(4);
        private int _processed;

        public {entity}Service(I{entity}Repository repository)
        {{
            _repository = repository;
        }}

        public int Processed => Volatile.Read(ref _processed);
");
            var methods = rng.Next(4, 9);
            for (var m = 0; m < methods; m++)
            {
                switch (rng.Next(6))
                {
                    case 0:
                        sb.Append($@"
        public async Task<{entity}Summary?> Summarize{m}Async(Guid id, CancellationToken cancellationToken)
        {{
            var item = await _repository.LoadAsync(id, cancellationToken).ConfigureAwait(false);
            if (item == null)
            {{
                return null;
            }}

            var name = item.Tags.Count > 0 ? item.Tags[0] : ""none"";
            Interlocked.Increment(ref _processed);
            return new {entity}Summary(item.Id, name, item.Tags.Count);
        }}
");
                        break;
                    case 1:
                        sb.Append($@"
        public async Task<int> Combine{m}Async(Guid left, Guid right, CancellationToken cancellationToken)
        {{
            var first = _repository.LoadAsync(left, cancellationToken);
            var second = _repository.LoadAsync(right, cancellationToken);
            await Task.WhenAll(first, second).ConfigureAwait(false);
            var a = first.Result;
            var b = await second.ConfigureAwait(false);
            return (a?.Tags.Count ?? 0) + (b?.Tags.Count ?? 0);
        }}
");
                        break;
                    case 2:
                        sb.Append($@"
        public async Task<List<string>> Collect{m}Async(CancellationToken cancellationToken)
        {{
            var result = new List<string>();
            await foreach (var item in _repository.StreamAsync(cancellationToken).ConfigureAwait(false))
            {{
                result.AddRange(item.Tags.Where(t => t.Length > {rng.Next(1, 6)}).Select(t => t.ToUpperInvariant()));
            }}

            result.Sort(StringComparer.Ordinal);
            return result;
        }}
");
                        break;
                    case 3:
                        sb.Append($@"
        public async Task Process{m}Async(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        {{
            var tasks = new List<Task>(ids.Count);
            foreach (var id in ids)
            {{
                tasks.Add(ProcessOneAsync(id));
            }}

            await Task.WhenAll(tasks).ConfigureAwait(false);

            async Task ProcessOneAsync(Guid id)
            {{
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {{
                    var item = await _repository.LoadAsync(id, cancellationToken).ConfigureAwait(false);
                    if (item != null)
                    {{
                        item.Tags.Add(""processed-{m}"");
                        await _repository.SaveAsync(item, cancellationToken).ConfigureAwait(false);
                    }}
                }}
                finally
                {{
                    _gate.Release();
                }}
            }}
        }}
");
                        break;
                    case 4:
                        sb.Append($@"
        public Task<int> Score{m}Async(IEnumerable<int> values, CancellationToken cancellationToken)
        {{
            return Task.Run(() =>
            {{
                var total = 0;
                foreach (var value in values)
                {{
                    cancellationToken.ThrowIfCancellationRequested();
                    total += value % {rng.Next(3, 17)} == 0 ? value : -value;
                }}

                return total;
            }}, cancellationToken);
        }}
");
                        break;
                    default:
                        sb.Append($@"
        public string Describe{m}({entity} item)
        {{
            var builder = new StringBuilder();
            builder.Append(item.Id).Append(':');
            for (var i = 0; i < item.Tags.Count; i++)
            {{
                if (i > 0)
                {{
                    builder.Append(',');
                }}

                builder.Append(item.Tags[i]);
            }}

            return builder.ToString();
        }}
");
                        break;
                }
            }

            if (seeded != null)
            {
                foreach (var member in seeded)
                {
                    sb.Append(member).Append('\n');
                }
            }

            sb.Append("    }\n}\n");
            return sb.ToString();
        }

        private static string Controller(string ns, string entity, Random rng)
        {
            var route = entity.ToLowerInvariant();
            return Usings + $@"using Shop.Web;

namespace {ns}
{{
    [Route(""api/{route}"")]
    public sealed class {entity}Controller : ControllerBase
    {{
        private readonly {entity}Service _service;
        private readonly I{entity}Repository _repository;

        public {entity}Controller({entity}Service service, I{entity}Repository repository)
        {{
            _service = service;
            _repository = repository;
        }}

        [HttpGet(""{{id}}"")]
        public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken)
        {{
            var item = await _repository.LoadAsync(id, cancellationToken);
            return item == null ? NotFound() : Ok(item);
        }}

        [HttpGet(""count"")]
        public async Task<IActionResult> Count(CancellationToken cancellationToken)
        {{
            var count = await _repository.CountAsync(cancellationToken);
            return Ok(count);
        }}

        [HttpPost]
        public async Task<IActionResult> Save([FromBody] {entity} item, CancellationToken cancellationToken)
        {{
            if (item.Tags.Count > {rng.Next(5, 50)})
            {{
                return BadRequest(""too many tags"");
            }}

            await _repository.SaveAsync(item, cancellationToken);
            return Ok(item.Id);
        }}
    }}
}}
";
        }

        private static string LargeService(string ns, Random rng)
        {
            var sb = new StringBuilder(Usings);
            sb.Append($@"
namespace {ns}
{{
    public interface IStore
    {{
        Task<int> CountAsync(string key, CancellationToken cancellationToken);
        Task<string> ReadAsync(string key, CancellationToken cancellationToken);
        Task WriteAsync(string key, string value, CancellationToken cancellationToken);
    }}

    /// <summary>One very large file, used to time the analysis of a single document (IDE latency).</summary>
    public sealed class LargeOrderWorkflow
    {{
        private readonly IStore _store;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

        public LargeOrderWorkflow(IStore store)
        {{
            _store = store;
        }}
");
            for (var m = 0; m < 220; m++)
            {
                sb.Append($@"
        public async Task<int> Step{m}Async(string key, CancellationToken cancellationToken)
        {{
            var count = await _store.CountAsync(key, cancellationToken).ConfigureAwait(false);
            var pending = _store.ReadAsync(key + ""-{m}"", cancellationToken);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {{
                var text = await pending.ConfigureAwait(false);
                for (var i = 0; i < count % {rng.Next(3, 11)}; i++)
                {{
                    text += i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }}

                await _store.WriteAsync(key, text, cancellationToken).ConfigureAwait(false);
                return text.Length + pending.Result.Length;
            }}
            finally
            {{
                _gate.Release();
            }}
        }}
");
            }

            sb.Append("    }\n}\n");
            return sb.ToString();
        }

        private static string Form(string ns, string entity, Random rng, List<string>? seeded)
        {
            var sb = new StringBuilder(Usings);
            sb.Append($@"using Desk.Forms;

namespace {ns}
{{
    public sealed class {entity}Form : Form
    {{
        private readonly I{entity}Repository _repository;
        private readonly Button _refresh = new Button {{ Text = ""Refresh"" }};
        private readonly Button _save = new Button {{ Text = ""Save"" }};
        private readonly Label _status = new Label();
        private readonly ListBox _list = new ListBox();
        private CancellationTokenSource? _cancellation;

        public {entity}Form(I{entity}Repository repository)
        {{
            _repository = repository;
            Text = ""{entity}"";
            _refresh.Click += OnRefreshClicked;
            _save.Click += OnSaveClicked;
            Controls.Add(_refresh);
            Controls.Add(_save);
            Controls.Add(_status);
            Controls.Add(_list);
        }}

        private async void OnRefreshClicked(object? sender, EventArgs e)
        {{
            _refresh.Enabled = false;
            _cancellation?.Cancel();
            _cancellation = new CancellationTokenSource();
            try
            {{
                var count = await _repository.CountAsync(_cancellation.Token);
                var scores = await Task.Run(() => Score(count), _cancellation.Token);
                _status.Text = $""{{count}} items, score {{scores}}"";
                _list.Items.Clear();
                await foreach (var item in _repository.StreamAsync(_cancellation.Token))
                {{
                    _list.Items.Add(item.ToString());
                }}
            }}
            catch (OperationCanceledException)
            {{
                _status.Text = ""cancelled"";
            }}
            finally
            {{
                _refresh.Enabled = true;
            }}
        }}

        private async void OnSaveClicked(object? sender, EventArgs e)
        {{
            _save.Enabled = false;
            try
            {{
                var item = new {entity} {{ Id = Guid.NewGuid() }};
                item.Tags.Add(_status.Text);
                await _repository.SaveAsync(item, CancellationToken.None);
                _status.Text = ""saved"";
            }}
            finally
            {{
                _save.Enabled = true;
            }}
        }}

        private static int Score(int count)
        {{
            var total = 0;
            for (var i = 0; i < count * {rng.Next(10, 100)}; i++)
            {{
                total = unchecked(total * 31 + i);
            }}

            return total;
        }}

        protected override void OnClosing(EventArgs e)
        {{
            _cancellation?.Cancel();
            base.OnClosing(e);
        }}
");
            if (seeded != null)
            {
                foreach (var member in seeded)
                {
                    sb.Append(member).Append('\n');
                }
            }

            sb.Append("    }\n\n");
            sb.Append($"    public sealed class {entity}\n    {{\n        public Guid Id {{ get; set; }}\n        public List<string> Tags {{ get; }} = new List<string>();\n    }}\n}}\n");
            return sb.ToString();
        }

        private static string LargeForm(string ns, Random rng)
        {
            var sb = new StringBuilder(Usings);
            sb.Append($@"using Desk.Forms;

namespace {ns}
{{
    public interface IBackend
    {{
        Task<string> FetchAsync(string key, CancellationToken cancellationToken);
        Task StoreAsync(string key, string value, CancellationToken cancellationToken);
    }}

    /// <summary>One very large form, used to time the analysis of a single document (IDE latency).</summary>
    public sealed class MainForm : Form
    {{
        private readonly IBackend _backend;
        private readonly Label _status = new Label();
        private CancellationTokenSource _cancellation = new CancellationTokenSource();

        public MainForm(IBackend backend)
        {{
            _backend = backend;
            Controls.Add(_status);
        }}
");
            for (var m = 0; m < 200; m++)
            {
                sb.Append($@"
        private async void OnAction{m}Clicked(object? sender, EventArgs e)
        {{
            if (sender is Control control)
            {{
                control.Enabled = false;
            }}

            try
            {{
                var fetch = _backend.FetchAsync(""key-{m}"", _cancellation.Token);
                var text = await fetch;
                var digest = await Task.Run(() => Digest(text, {rng.Next(2, 40)}), _cancellation.Token);
                _status.Text = digest + fetch.Result.Length;
                await _backend.StoreAsync(""key-{m}"", digest, _cancellation.Token);
            }}
            catch (OperationCanceledException)
            {{
                _status.Text = ""cancelled"";
            }}
            finally
            {{
                if (sender is Control done)
                {{
                    done.Enabled = true;
                }}
            }}
        }}
");
            }

            sb.Append(@"
        private static string Digest(string text, int rounds)
        {
            var hash = 17;
            for (var r = 0; r < rounds; r++)
            {
                foreach (var c in text)
                {
                    hash = unchecked(hash * 31 + c);
                }
            }

            return hash.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
");
            return sb.ToString();
        }

        private static string WebStubs() => @"using System;

namespace Shop.Web
{
    public interface IActionResult { }

    public sealed class ObjectResult : IActionResult
    {
        public ObjectResult(int status, object? value) { Status = status; Value = value; }
        public int Status { get; }
        public object? Value { get; }
    }

    public abstract class ControllerBase
    {
        protected IActionResult Ok(object? value = null) => new ObjectResult(200, value);
        protected IActionResult NotFound() => new ObjectResult(404, null);
        protected IActionResult BadRequest(string message) => new ObjectResult(400, message);
    }

    [AttributeUsage(AttributeTargets.Class)]
    public sealed class RouteAttribute : Attribute { public RouteAttribute(string template) { Template = template; } public string Template { get; } }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class HttpGetAttribute : Attribute { public HttpGetAttribute(string template = """") { Template = template; } public string Template { get; } }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class HttpPostAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class FromBodyAttribute : Attribute { }
}
";

        /// <summary>The slice of Microsoft.Extensions.Hosting.Abstractions the services use (the corpus references only the BCL).</summary>
        private static string HostingStubs() => @"using System.Threading;
using System.Threading.Tasks;

namespace Microsoft.Extensions.Hosting
{
    public interface IHostedService
    {
        Task StartAsync(CancellationToken cancellationToken);
        Task StopAsync(CancellationToken cancellationToken);
    }
}
";

        private static string FormStubs() => @"using System;
using System.Collections.Generic;

namespace Desk.Forms
{
    public class Control
    {
        public string Text { get; set; } = """";
        public bool Enabled { get; set; } = true;
        public bool InvokeRequired => false;
        public List<Control> Controls { get; } = new List<Control>();
        public event EventHandler? Click;
        public void Invoke(Action action) => action();
        protected void RaiseClick() => Click?.Invoke(this, EventArgs.Empty);
    }

    public class Form : Control
    {
        protected virtual void OnClosing(EventArgs e) { }
    }

    public sealed class Button : Control { }

    public sealed class Label : Control { }

    public sealed class ListBox : Control
    {
        public List<string> Items { get; } = new List<string>();
    }
}
";
    }
}
