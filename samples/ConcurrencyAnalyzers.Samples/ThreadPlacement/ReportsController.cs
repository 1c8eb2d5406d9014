using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Samples.SyncOverAsync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ConcurrencyAnalyzers.Samples.ThreadPlacement
{
    public sealed record OrderLine(string Sku, decimal Price, int Quantity);
    public sealed record OrderDto(int Id, string Customer, decimal Total);

    [ApiController]
    [Route("reports")]
    public sealed class ReportsController : ControllerBase
    {
        private readonly OrderRepository _repository;

        public ReportsController(OrderRepository repository) => _repository = repository;

        // Mapping a handful of fields per order is not CPU-heavy: not flagged.
        [HttpGet("orders")]
        public async Task<IReadOnlyList<OrderDto>> ListOrders([FromQuery] int[] ids)
        {
            var result = new List<OrderDto>();
            foreach (var id in ids)
            {
                var order = await _repository.FindAsync(id);
                result.Add(new OrderDto(order.Id, order.Customer.Trim(), order.Total));
            }

            return result;
        }

        // Pairwise similarity of every order line against every other: quadratic work on the request thread.
        [HttpPost("similar-lines")]
        public async Task<int> CountSimilarLines([FromBody] OrderLine[] lines, CancellationToken cancellationToken)
        {
            await Task.Yield();
            var similar = 0;
            for (var i = 0; i < lines.Length; i++) // CONC0301
            {
                for (var j = i + 1; j < lines.Length; j++)
                {
                    var delta = Math.Abs(lines[i].Price - lines[j].Price) * lines[i].Quantity;
                    if (delta < 0.5m)
                    {
                        similar++;
                    }
                }
            }

            return similar;
        }

        // Key derivation is slow by design (hundreds of milliseconds): it holds the request thread.
        [HttpPost("api-keys")]
        public async Task<string> CreateApiKey([FromBody] string secret)
        {
            var salt = RandomNumberGenerator.GetBytes(16);
            var key = Rfc2898DeriveBytes.Pbkdf2(secret, salt, 600_000, HashAlgorithmName.SHA256, 32); // CONC0301
            await Task.Yield();
            return Convert.ToBase64String(key);
        }

        // The same work offloaded: not flagged.
        [HttpPost("api-keys/offloaded")]
        public async Task<string> CreateApiKeyOffloaded([FromBody] string secret, CancellationToken cancellationToken)
        {
            var salt = RandomNumberGenerator.GetBytes(16);
            var key = await Task.Run(() => Rfc2898DeriveBytes.Pbkdf2(secret, salt, 600_000, HashAlgorithmName.SHA256, 32), cancellationToken);
            return Convert.ToBase64String(key);
        }
    }

    public static class ReportEndpoints
    {
        public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
        {
            // A Monte Carlo estimate with ten million samples, inline in a minimal-API handler.
            app.MapGet("/reports/risk/{seed:int}", async (int seed) =>
            {
                var random = new Random(seed);
                var hits = 0;
                for (var i = 0; i < 10_000_000; i++) // CONC0301
                {
                    var x = random.NextDouble();
                    var y = random.NextDouble();
                    if (x * x + y * y <= 1.0)
                    {
                        hits++;
                    }
                }

                await Task.Yield();
                return Results.Ok(4.0 * hits / 10_000_000);
            });

            return app;
        }
    }
}
