using Orders.Application.Abstractions.Messaging;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceAtExchange;

/// <summary>The exchange placed the order under <paramref name="ExchangeOrderId"/>.</summary>
public sealed record RecordPlacementCommand(Guid OrderId, string ExchangeOrderId) : ICommand<OrderStatus>;
