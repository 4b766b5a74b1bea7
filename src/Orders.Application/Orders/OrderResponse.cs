using System.Linq.Expressions;
using Orders.Domain.Orders;

namespace Orders.Application.Orders;

/// <summary>
/// An order as a client sees it: where it stands at the exchange, what filled and at what price, and how it got
/// there. <paramref name="AveragePrice"/> is null until a fill.
/// </summary>
public sealed record OrderResponse(
    Guid Id,
    DateTime CreatedAt,
    OrderType Type,
    OrderSide Side,
    string Instrument,
    decimal? LimitPrice,
    int Quantity,
    OrderStatus Status,
    int FilledQuantity,
    decimal? AveragePrice,
    DateTime? PlacedAt,
    string? ExchangeOrderId,
    string? FailureReason,
    IReadOnlyList<OrderExecutionResponse> Executions,
    IReadOnlyList<OrderStatusChangeResponse> History)
{
    /// <summary>The read side projects straight from the tables into this shape, without loading the aggregate.</summary>
    public static readonly Expression<Func<Order, OrderResponse>> Projection = order => new OrderResponse(
        order.Id,
        order.CreatedAt,
        order.Type,
        order.Side,
        order.Instrument,
        order.LimitPrice,
        order.Quantity,
        order.Status,
        order.FilledQuantity,
        order.AveragePrice,
        order.PlacedAt,
        order.ExchangeOrderId,
        order.FailureReason,
        order.Executions
            .Where(execution => execution.Type == ExecutionType.Fill)
            .OrderBy(execution => execution.ExecutedAt)
            .ThenBy(execution => execution.ExecutionId)
            .Select(execution => new OrderExecutionResponse(execution.ExecutionId, execution.Quantity, execution.Price, execution.ExecutedAt))
            .ToList(),
        order.History
            .OrderBy(change => change.Id)
            .Select(change => new OrderStatusChangeResponse(change.Status, change.ChangedAt, change.Reason))
            .ToList());

    private static readonly Func<Order, OrderResponse> Compiled = Projection.Compile();

    /// <summary>
    /// The same shape from an order in memory, by the same projection. Its history must be complete, as a new
    /// order's is: a stored order's is read through <see cref="Projection"/>.
    /// </summary>
    public static OrderResponse From(Order order) => Compiled(order);
}

/// <summary>A fill, by the exchange's execution id, at the exchange's time.</summary>
public sealed record OrderExecutionResponse(string Id, int Quantity, decimal Price, DateTime ExecutedAt);

public sealed record OrderStatusChangeResponse(OrderStatus Status, DateTime At, string? Reason);
