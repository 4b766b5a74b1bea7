using Orders.Domain.Orders;

namespace Orders.Application.Abstractions.Persistence;

/// <summary>What a list of orders is narrowed to: one account's orders, and optionally the rest. Times are UTC.</summary>
public sealed record OrderListFilter(
    Guid AccountId,
    OrderStatus? Status,
    string? Instrument,
    OrderSide? Side,
    DateTime? CreatedFrom,
    DateTime? CreatedTo,
    OrderListPosition? After);

/// <summary>A place in the list, newest first: an order's creation time and id.</summary>
public sealed record OrderListPosition(DateTime CreatedAt, Guid Id);
