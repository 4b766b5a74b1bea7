using Orders.Application.Abstractions.Messaging;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.ListOrders;

/// <summary>
/// A page of <paramref name="AccountId"/>'s orders, newest first. <paramref name="Cursor"/> continues after the last order of the previous
/// page (keyset pagination: no gaps, no repeats while new orders arrive). <paramref name="CreatedFrom"/> is
/// inclusive, <paramref name="CreatedTo"/> exclusive.
/// </summary>
public sealed record ListOrdersQuery(
    Guid AccountId,
    int? Limit,
    string? Cursor,
    OrderStatus? Status,
    string? Instrument,
    OrderSide? Side,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo) : IQuery<OrdersPage>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
}
