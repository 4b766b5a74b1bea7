using System.Linq.Expressions;
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
    // The read side's projection with the order's owner beside it, so that one query reads both.
    private static readonly Expression<Func<Order, OwnedOrder>> WithOwner = Expression.Lambda<Func<Order, OwnedOrder>>(
        Expression.New(
            typeof(OwnedOrder).GetConstructors().Single(),
            Expression.Property(OrderResponse.Projection.Parameters[0], nameof(Order.AccountId)),
            OrderResponse.Projection.Body),
        OrderResponse.Projection.Parameters);

    /// <summary>New orders' events, from the orders themselves: all there is of a new order is in memory.</summary>
    public IReadOnlyList<OrderEvent> ForNewOrders(IReadOnlyList<Order> orders)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return [.. orders.Select(order => Event(order.AccountId, OrderResponse.From(order), now))];
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
            .Select(WithOwner)
            .ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        dbContext.AddRange(orders.Select(owned => Event(owned.AccountId, owned.Order, now)));
        await dbContext.SaveChangesAsync(cancellationToken);
    }

    private OrderEvent Event(Guid accountId, OrderResponse order, DateTime now) =>
        new() { OrderId = order.Id, AccountId = accountId, OccurredAt = now, Data = json.Serialize(order) };

    private static IEnumerable<Guid> OrderIdsOf(EntityEntry entry) =>
        entry.Entity is Order order
            ? [order.Id]
            : entry.Metadata.GetForeignKeys()
                .Where(foreignKey => foreignKey.PrincipalEntityType.ClrType == typeof(Order))
                .Select(foreignKey => entry.Property(foreignKey.Properties[0].Name).CurrentValue)
                .OfType<Guid>();

    private sealed record OwnedOrder(Guid AccountId, OrderResponse Order);
}
