using Orders.Domain.Orders;

namespace Orders.Application.Orders.CancelOrder;

/// <summary>Where the order stands after the request: cancelled, or cancelling until the exchange answers.</summary>
public sealed record CancelOrderResponse(Guid Id, OrderStatus Status);
