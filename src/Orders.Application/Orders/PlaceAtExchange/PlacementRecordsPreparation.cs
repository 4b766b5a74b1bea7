using Orders.Application.Abstractions.Messaging;
using Orders.Application.Abstractions.Persistence;

namespace Orders.Application.Orders.PlaceAtExchange;

/// <summary>Loads the orders whose placement or failure a batch records, in one query.</summary>
internal sealed class PlacementRecordsPreparation(IOrderRepository orders) : IPrepareFollowUps
{
    public Task PrepareAsync(IReadOnlyCollection<ICommand> followUps, CancellationToken cancellationToken)
    {
        var ids = followUps
            .Select(followUp => followUp switch
            {
                RecordPlacementCommand placed => placed.OrderId,
                RecordPlacementFailureCommand failed => failed.OrderId,
                _ => (Guid?)null,
            })
            .OfType<Guid>()
            .Distinct()
            .ToList();
        return ids.Count == 0 ? Task.CompletedTask : orders.LoadAsync(ids, cancellationToken);
    }
}
