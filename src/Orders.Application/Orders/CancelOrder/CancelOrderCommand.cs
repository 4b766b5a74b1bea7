using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Orders.CancelOrder;

/// <summary>A client's request to cancel an order.</summary>
public sealed record CancelOrderCommand(Guid OrderId) : ICommand<CancelOrderResponse>;
