using Orders.Domain.Orders;

namespace Orders.Application.Abstractions.Persistence;

public interface IOrderRepository
{
    /// <summary>
    /// A new order, written when the unit of work commits. Until then no query sees it, not even one in the same
    /// unit of work: a handler works with the object it created.
    /// </summary>
    void Add(Order order);

    /// <summary>The order, tracked for changes, or null.</summary>
    Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> orders of the account still open at the exchange (pending, placed, partially
    /// filled), of the instrument if given, oldest first, tracked.
    /// </summary>
    Task<IReadOnlyList<Order>> FindOpenAsync(Guid accountId, string? instrument, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> failed orders in the dead-letter group of <paramref name="reason"/>
    /// (by <c>DeadLetterReason</c>), oldest first, tracked.
    /// </summary>
    Task<IReadOnlyList<Order>> FindFailedAsync(string reason, int limit, CancellationToken cancellationToken);

    /// <summary>Tracks the orders in one query, so that finding one of them afterwards queries nothing.</summary>
    Task LoadAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}
