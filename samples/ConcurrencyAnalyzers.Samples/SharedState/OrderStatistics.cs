using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Samples.SyncOverAsync;

namespace ConcurrencyAnalyzers.Samples.SharedState
{
    /// <summary>Nightly statistics over the order book, computed in parallel; some counters race, some do not.</summary>
    public sealed class OrderStatistics
    {
        private readonly object _gate = new object();
        private readonly List<int> _refundedIds = new List<int>();
        private readonly Dictionary<string, int> _ordersPerCustomer = new Dictionary<string, int>();
        private readonly ConcurrentDictionary<string, decimal> _revenuePerCustomer = new ConcurrentDictionary<string, decimal>();
        private int _processed;
        private long _revenueCents;
        private int _validated;

        public int Processed => _processed;

        public (int Shipped, long RevenueCents) Summarize(IReadOnlyList<Order> orders)
        {
            int shipped = 0;
            Parallel.ForEach(orders, order =>
            {
                _processed++; // CONC0501
                Interlocked.Add(ref _revenueCents, (long)(order.Total * 100));
                _revenuePerCustomer.AddOrUpdate(order.Customer, order.Total, (_, total) => total + order.Total);

                if (order.Total <= 0)
                {
                    _refundedIds.Add(order.Id); // CONC0502
                    return;
                }

                lock (_gate)
                {
                    _ordersPerCustomer[order.Customer] = _ordersPerCustomer.TryGetValue(order.Customer, out var count) ? count + 1 : 1;
                }

                shipped += 1; // CONC0501
            });

            return (shipped, _revenueCents);
        }

        public async Task<IReadOnlyDictionary<int, decimal>> ReloadTotalsAsync(IEnumerable<int> ids, OrderRepository repository)
        {
            var totals = new Dictionary<int, decimal>();
            var lookups = ids.Select(id => Task.Run(async () =>
            {
                var order = await repository.FindAsync(id);
                totals[id] = order.Total; // CONC0502
            }));

            await Task.WhenAll(lookups);
            return totals;
        }

        public void Validate(IReadOnlyList<Order> orders)
        {
            Parallel.For(0, orders.Count, i => Check(orders[i]));
        }

        private void Check(Order order)
        {
            if (order.Total >= 0)
            {
                _validated++; // CONC0501
            }
        }

        public int[] Discounts(IReadOnlyList<Order> orders)
        {
            // Correct: every iteration writes its own slot, the sum is taken after the loop.
            var discounts = new int[orders.Count];
            Parallel.For(0, orders.Count, i => discounts[i] = orders[i].Total > 100 ? 10 : 0);
            int total = 0;
            foreach (var discount in discounts)
            {
                total += discount;
            }

            Console.WriteLine($"{total} in discounts, {_validated} validated");
            return discounts;
        }
    }
}
