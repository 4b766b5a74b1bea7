using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceOrder;

/// <summary>The accepted order, exactly as the existing client expects it in the 201.</summary>
public sealed record PlaceOrderResponse(
    Guid Id,
    DateTime CreatedAt,
    OrderType Type,
    OrderSide Side,
    string Instrument,
    decimal? LimitPrice,
    int Quantity,
    OrderStatus Status)
{
    internal static PlaceOrderResponse From(Order order) =>
        new(order.Id, order.CreatedAt, order.Type, order.Side, order.Instrument, order.LimitPrice, order.Quantity, order.Status);
}
