using Orders.Application.Abstractions.Messaging;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceAtExchange;

/// <summary>The order cannot be placed, for <paramref name="Reason"/>.</summary>
public sealed record RecordPlacementFailureCommand(Guid OrderId, string Reason) : ICommand<OrderStatus>;
