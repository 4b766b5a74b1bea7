using Orders.Domain.Orders;

namespace Orders.Application.Orders.ListOrders;

/// <summary>What a list of orders is narrowed to; every part is optional. Times are UTC.</summary>
public sealed record OrderListFilter(
    OrderStatus? Status,
    string? Instrument,
    OrderSide? Side,
    DateTime? CreatedFrom,
    DateTime? CreatedTo,
    OrderCursor? After);
