using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace ConcurrencyAnalyzers.Samples.SyncOverAsync
{
    public sealed record Order(int Id, string Customer, decimal Total);

    public sealed class OrderRepository
    {
        public async Task<Order> FindAsync(int id)
        {
            await Task.Delay(10);
            return new Order(id, "customer-" + id, id * 10m);
        }

        public Task<IReadOnlyList<int>> ListIdsAsync() => Task.FromResult<IReadOnlyList<int>>(new[] { 1, 2, 3 });
    }

    public sealed class OrderService
    {
        private readonly OrderRepository _repository;
        private readonly IReadOnlyList<int> _knownIds;

        public OrderService(OrderRepository repository)
        {
            _repository = repository;
            _knownIds = repository.ListIdsAsync().Result; // CONC0102
        }

        public async Task<Order> GetOrderAsync(int id)
        {
            var order = _repository.FindAsync(id).Result; // CONC0101
            return order;
        }

        public async Task<decimal> GetTotalAsync(IEnumerable<int> ids)
        {
            var lookups = ids.Select(id => _repository.FindAsync(id)).ToList();
            await Task.WhenAll(lookups);
            // Already complete: reading .Result after WhenAll does not block, and is not flagged.
            return lookups.Sum(t => t.Result.Total);
        }

        public string GetSummary(int id)
        {
            var order = _repository.FindAsync(id).GetAwaiter().GetResult(); // CONC0102
            return $"{order.Id}: {order.Total}";
        }
    }
}
