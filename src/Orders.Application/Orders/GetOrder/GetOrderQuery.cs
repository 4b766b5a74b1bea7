using Orders.Application.Abstractions.Messaging;

using Orders.Application.Orders;

namespace Orders.Application.Orders.GetOrder;

public sealed record GetOrderQuery(Guid Id) : IQuery<OrderResponse>;
