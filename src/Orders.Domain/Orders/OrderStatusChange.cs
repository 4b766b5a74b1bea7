namespace Orders.Domain.Orders;

/// <summary>One entry of an order's history: the status it entered, when, and why.</summary>
public sealed class OrderStatusChange
{
    internal OrderStatusChange(OrderStatus status, DateTime changedAt, string? reason)
    {
        Status = status;
        ChangedAt = changedAt;
        Reason = reason;
    }

    public long Id { get; private set; }

    public OrderStatus Status { get; private set; }

    public DateTime ChangedAt { get; private set; }

    public string? Reason { get; private set; }
}
