using Orders.Application.Abstractions.Messaging;

using Orders.Application.Orders;

namespace Orders.Application.Orders.GetOrder;

/// <summary>An order of <paramref name="AccountId"/>; another account's order is not found, as if it did not exist.</summary>
public sealed record GetOrderQuery(Guid AccountId, Guid Id) : IQuery<OrderResponse>;
