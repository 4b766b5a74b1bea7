using Orders.Domain.Orders;

namespace Orders.Application.Abstractions.Persistence;

/// <summary>What a list of orders is narrowed to; every part is optional. Times are UTC.</summary>
public sealed record OrderListFilter(
    OrderStatus? Status,
    string? Instrument,
    OrderSide? Side,
    DateTime? CreatedFrom,
    DateTime? CreatedTo,
    OrderListPosition? After);

/// <summary>A place in the list, newest first: an order's creation time and id.</summary>
public sealed record OrderListPosition(DateTime CreatedAt, Guid Id);
