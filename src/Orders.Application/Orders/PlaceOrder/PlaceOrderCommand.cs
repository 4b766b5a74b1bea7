using Orders.Application.Abstractions.Messaging;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceOrder;

/// <summary>
/// A client's request to place an order. Every field is nullable so that a missing one is reported by
/// the validator with a clear message instead of failing deserialization.
/// </summary>
public sealed record PlaceOrderCommand(
    OrderType? Type,
    OrderSide? Side,
    string? Instrument,
    decimal? LimitPrice,
    int? Quantity) : ICommand<PlaceOrderResponse>;
