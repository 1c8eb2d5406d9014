using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace ConcurrencyAnalyzers.Samples.ThreadPlacement
{
    /// <summary>Background order processing, written the way it often is.</summary>
    public sealed class OrderQueueWorker : IHostedService
    {
        private readonly BlockingCollection<int> _queue = new BlockingCollection<int>();
        private readonly Dictionary<int, long> _shippingCosts = new Dictionary<int, long>();
        private Task _consumer = Task.CompletedTask;
        private Task _poller = Task.CompletedTask;
        private Task<Task>? _listener;
        private volatile bool _running;

        public void Enqueue(int orderId) => _queue.Add(orderId);

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _running = true;

            // Precomputes a shipping-cost table before returning: the whole host waits for it.
            for (var zone = 0; zone < 5_000; zone++) // CONC0303
            {
                for (var weight = 0; weight < 1_000; weight++)
                {
                    _shippingCosts[zone * 1_000 + weight] = (zone * 31 + weight * 7) % 997;
                }
            }

            // A consumer that blocks on the queue forever, on a thread-pool thread.
            _consumer = Task.Run(() => // CONC0302
            {
                foreach (var orderId in _queue.GetConsumingEnumerable())
                {
                    Console.WriteLine($"processing order {orderId}");
                }
            });

            // A polling loop that sleeps on a thread-pool thread.
            _poller = Task.Run(() => // CONC0302
            {
                while (_running)
                {
                    Console.WriteLine("checking for stuck orders");
                    Thread.Sleep(TimeSpan.FromSeconds(30));
                }
            });

            // LongRunning with an async delegate: the dedicated thread is gone at the first await.
            _listener = Task.Factory.StartNew(async () => // CONC0304
            {
                while (_running)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5));
                }
            }, TaskCreationOptions.LongRunning);

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _running = false;
            _queue.CompleteAdding();
            return Task.CompletedTask;
        }
    }
}
