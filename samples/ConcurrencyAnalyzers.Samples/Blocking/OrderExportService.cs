using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ConcurrencyAnalyzers.Samples.Blocking
{
    public sealed record ExportedOrder(int Id, string Customer, decimal Total);

    /// <summary>Writes orders to disk for a downstream system; blocking calls hidden inside async methods.</summary>
    public sealed class OrderExportService
    {
        private readonly SemaphoreSlim _exportGate = new SemaphoreSlim(1, 1);
        private readonly string _directory;

        public OrderExportService(string directory) => _directory = directory;

        public async Task ExportAsync(ExportedOrder order, CancellationToken cancellationToken)
        {
            _exportGate.Wait(cancellationToken); // CONC0203
            try
            {
                var path = Path.Combine(_directory, order.Id + ".json");
                File.WriteAllText(path, JsonSerializer.Serialize(order)); // CONC0201
                using var log = new StreamWriter(Path.Combine(_directory, "export.log"), append: true); // CONC0201
                await log.WriteLineAsync("exported " + order.Id);
            }
            finally
            {
                _exportGate.Release();
            }
        }

        public async Task<ExportedOrder?> ReadBackAsync(int orderId)
        {
            var path = Path.Combine(_directory, orderId + ".json");
            for (var attempt = 0; attempt < 3 && !File.Exists(path); attempt++)
            {
                Thread.Sleep(100); // CONC0202
            }

            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<ExportedOrder>(stream);
        }

        public async Task<IReadOnlyList<string>> ListExportedAsync()
        {
            var names = new List<string>();
            foreach (var file in Directory.EnumerateFiles(_directory, "*.json"))
            {
                var firstLine = File.ReadAllLines(file)[0]; // CONC0201
                names.Add(firstLine);
            }

            await Task.Yield();
            return names;
        }

        // Correct code that stays quiet: in-memory streams never wait, and reading a file back
        // through a read-only stream gains nothing from `await using`.
        public async Task<string> RenderAsync(ExportedOrder order)
        {
            using var buffer = new MemoryStream();
            await JsonSerializer.SerializeAsync(buffer, order);
            buffer.Position = 0;
            using var reader = new StreamReader(buffer);
            return reader.ReadToEnd();
        }
    }
}
