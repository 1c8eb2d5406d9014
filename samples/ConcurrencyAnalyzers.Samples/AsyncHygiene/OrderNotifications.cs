using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Samples.SyncOverAsync;

namespace ConcurrencyAnalyzers.Samples.AsyncHygiene
{
    public sealed class OrderPlacedEventArgs : EventArgs
    {
        public OrderPlacedEventArgs(Order order) => Order = order;

        public Order Order { get; }
    }

    public sealed class OrderEvents
    {
        public event EventHandler<OrderPlacedEventArgs>? OrderPlaced;

        public void Publish(Order order) => OrderPlaced?.Invoke(this, new OrderPlacedEventArgs(order));
    }

    public sealed class OrderNotifier
    {
        private readonly OrderRepository _repository;
        private readonly TaskCompletionSource<bool> _warmedUp = new TaskCompletionSource<bool>(); // CONC0405
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task? _background;

        public OrderNotifier(OrderRepository repository, OrderEvents events)
        {
            _repository = repository;

            // An event handler: async void is what events need, so it is not flagged.
            events.OrderPlaced += OnOrderPlaced;

            // The same as a lambda on a non-UI event: nothing observes its exceptions.
            events.OrderPlaced += async (sender, e) => await SendConfirmationAsync(e.Order.Id); // CONC0402

            WarmUpAsync(); // CONC0404
            _background = Task.Run(() => WarmUpAsync());
        }

        public Task WarmedUp => _warmedUp.Task;

        private async void OnOrderPlaced(object? sender, OrderPlacedEventArgs e) => await SendConfirmationAsync(e.Order.Id);

        public async void RefreshCache() // CONC0401
        {
            var ids = await _repository.ListIdsAsync();
            await NotifyAllAsync(new List<int>(ids), CancellationToken.None);
        }

        public async Task NotifyAllAsync(List<int> ids, CancellationToken cancellationToken)
        {
            ids.ForEach(async id => await SendConfirmationAsync(id)); // CONC0402

            Parallel.ForEach(ids, async id => await SendConfirmationAsync(id)); // CONC0402

            // Correct: awaited, bounded parallelism.
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (id, ct) => await SendConfirmationAsync(id));

            await Task.Factory.StartNew(async () => await SendConfirmationAsync(0)); // CONC0403

            SendConfirmationAsync(ids.Count); // CONC0404

            // Correct: fire-and-forget said out loud.
            _ = SendConfirmationAsync(-1);
        }

        public void Stop() => _stopped.TrySetResult();

        private async Task WarmUpAsync()
        {
            await _repository.ListIdsAsync();
            _warmedUp.TrySetResult(true);
        }

        private static Task SendConfirmationAsync(int orderId) => Task.Delay(orderId < 0 ? 0 : 1);
    }
}
