using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Orders.GetOrder;

public sealed record GetOrderQuery(Guid Id) : IQuery<OrderDetailsResponse>;
