using Orders.Application.Abstractions.Messaging;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceAtExchange;

/// <summary>
/// The order cannot be placed, for <paramref name="Reason"/>. <paramref name="MayBeAtExchange"/>: the last attempt's
/// outcome is unknown, so the exchange may hold the order after all, and it is withdrawn there.
/// </summary>
public sealed record RecordPlacementFailureCommand(Guid OrderId, string Reason, bool MayBeAtExchange = false) : ICommand<OrderStatus>;
