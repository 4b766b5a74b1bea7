using Orders.Domain.Abstractions;

namespace Orders.Domain.Orders;

/// <summary>The order must be cancelled at the exchange, by its id as the client order id.</summary>
public sealed record OrderCancelRequestedDomainEvent(Guid OrderId) : IDomainEvent;
