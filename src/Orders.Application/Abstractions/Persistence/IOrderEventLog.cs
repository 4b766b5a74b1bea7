namespace Orders.Application.Abstractions.Persistence;

/// <summary>
/// The log of order changes: each event is written in the transaction of its change, with the order as a client
/// reads it right after that change (its JSON, as <c>GET /orders/{id}</c> would have answered then).
/// </summary>
public interface IOrderEventLog
{
    /// <summary>The place of "from now on": every event that has yet to become readable comes after it.</summary>
    Task<OrderEventPosition> NowAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every event of the account's orders after <paramref name="after"/>, in log order, then each new one as it becomes
    /// readable: none twice, none skipped. Optionally only the events of one order. Ends only when cancelled.
    /// </summary>
    IAsyncEnumerable<LoggedOrderEvent> Follow(OrderEventPosition after, Guid accountId, Guid? orderId, CancellationToken cancellationToken);
}

/// <summary>
/// An event's place in the log, ordered by <paramref name="Commit"/>, then <paramref name="Position"/>. A database
/// hands out sequence numbers in the order transactions ask for them, not in the order they commit, so the position
/// alone would let a reader pass an event that commits late; <paramref name="Commit"/> orders the writing
/// transactions so that no event can still commit below a place a reader has reached (each provider has its own
/// scheme), and <paramref name="Position"/>, the row's sequence number, orders the events of one transaction.
/// </summary>
public sealed record OrderEventPosition(long Commit, long Position);

/// <summary>One change of an order: where it is in the log, and the order as JSON right after it.</summary>
public sealed record LoggedOrderEvent(OrderEventPosition Position, string Data);
