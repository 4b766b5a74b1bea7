using System.Linq.Expressions;
using Orders.Domain.Orders;

namespace Orders.Application.Orders;

/// <summary>An order as a client sees it: where it stands at the exchange and how it got there.</summary>
public sealed record OrderResponse(
    Guid Id,
    DateTime CreatedAt,
    OrderType Type,
    OrderSide Side,
    string Instrument,
    decimal? LimitPrice,
    int Quantity,
    OrderStatus Status,
    DateTime? PlacedAt,
    string? ExchangeOrderId,
    string? FailureReason,
    IReadOnlyList<OrderStatusChangeResponse> History)
{
    /// <summary>The read side projects straight from the table into this shape, without loading the aggregate.</summary>
    public static readonly Expression<Func<Order, OrderResponse>> Projection = order => new OrderResponse(
        order.Id,
        order.CreatedAt,
        order.Type,
        order.Side,
        order.Instrument,
        order.LimitPrice,
        order.Quantity,
        order.Status,
        order.PlacedAt,
        order.ExchangeOrderId,
        order.FailureReason,
        order.History
            .OrderBy(change => change.Id)
            .Select(change => new OrderStatusChangeResponse(change.Status, change.ChangedAt, change.Reason))
            .ToList());
}

public sealed record OrderStatusChangeResponse(OrderStatus Status, DateTime At, string? Reason);
