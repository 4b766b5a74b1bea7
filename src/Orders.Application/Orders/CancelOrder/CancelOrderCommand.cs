using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Orders.CancelOrder;

/// <summary>A client's request to cancel an order of its account (<paramref name="AccountId"/>).</summary>
public sealed record CancelOrderCommand(Guid AccountId, Guid OrderId) : ICommand<CancelOrderResponse>;
