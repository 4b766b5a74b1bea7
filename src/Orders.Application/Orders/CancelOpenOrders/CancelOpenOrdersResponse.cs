namespace Orders.Application.Orders.CancelOpenOrders;

/// <summary>
/// The orders a mass cancel ended: <paramref name="Cancelling"/> are on their way to the exchange, whose answer ends
/// them (a fill may win); <paramref name="Cancelled"/> were never sent and are cancelled for good.
/// </summary>
public sealed record CancelOpenOrdersResponse(IReadOnlyList<Guid> Cancelling, IReadOnlyList<Guid> Cancelled)
{
    public static CancelOpenOrdersResponse None { get; } = new([], []);

    public CancelOpenOrdersResponse And(CancelOpenOrdersResponse other) => new([.. Cancelling, .. other.Cancelling], [.. Cancelled, .. other.Cancelled]);
}

/// <summary>One batch of a mass cancel; <paramref name="More"/> unless it found no open order.</summary>
public sealed record CancelOpenOrdersBatch(CancelOpenOrdersResponse Orders, bool More);
