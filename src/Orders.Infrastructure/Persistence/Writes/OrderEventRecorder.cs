using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Orders.Application.Abstractions.Serialization;
using Orders.Application.Orders;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Persistence.Writes;

/// <summary>
/// The order event log's rows, one per order a unit of work changes, each holding the order as
/// <c>GET /orders/{id}</c> answers right after the change (<see cref="OrderResponse"/> in the API's JSON), written in
/// the unit of work's transaction.
/// </summary>
internal sealed class OrderEventRecorder(IContractJson json, TimeProvider timeProvider)
{
    /// <summary>New orders' events, from the orders themselves: all there is of a new order is in memory.</summary>
    public IReadOnlyList<OrderEvent> ForNewOrders(IReadOnlyList<Order> orders)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return [.. orders.Select(order => Event(OrderResponse.From(order), now))];
    }

    /// <summary>
    /// The orders whose rows the next SaveChanges writes: an order's own, or those of an entity that belongs to it
    /// (its history, and whatever else refers to it).
    /// </summary>
    public static IReadOnlyCollection<Guid> ChangedOrders(ChangeTracker changeTracker)
    {
        changeTracker.DetectChanges();
        return changeTracker.Entries()
            .Where(entry => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .SelectMany(OrderIdsOf)
            .ToHashSet();
    }

    /// <summary>
    /// After SaveChanges, in its transaction: the changed orders read back as the read side reads them (a tracked
    /// order holds only what was loaded of it), and their events written.
    /// </summary>
    public async Task RecordAsync(OrdersDbContext dbContext, IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken)
    {
        var orders = await dbContext.Orders.AsNoTracking()
            .Where(order => orderIds.Contains(order.Id))
            .Select(OrderResponse.Projection)
            .ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        dbContext.AddRange(orders.Select(order => Event(order, now)));
        await dbContext.SaveChangesAsync(cancellationToken);
    }

    private OrderEvent Event(OrderResponse order, DateTime now) => new() { OrderId = order.Id, OccurredAt = now, Data = json.Serialize(order) };

    private static IEnumerable<Guid> OrderIdsOf(EntityEntry entry) =>
        entry.Entity is Order order
            ? [order.Id]
            : entry.Metadata.GetForeignKeys()
                .Where(foreignKey => foreignKey.PrincipalEntityType.ClrType == typeof(Order))
                .Select(foreignKey => entry.Property(foreignKey.Properties[0].Name).CurrentValue)
                .OfType<Guid>();
}
