using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Orders.RedriveOrder;

/// <summary>An operator's request to send a failed order to the exchange again.</summary>
public sealed record RedriveOrderCommand(Guid OrderId) : ICommand<RedriveOrderResponse>;
