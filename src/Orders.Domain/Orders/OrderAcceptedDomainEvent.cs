using Orders.Domain.Abstractions;

namespace Orders.Domain.Orders;

/// <summary>An order was stored and must now be placed at the exchange; it carries all the exchange needs.</summary>
public sealed record OrderAcceptedDomainEvent(
    Guid OrderId,
    OrderType Type,
    OrderSide Side,
    string Instrument,
    decimal? LimitPrice,
    int Quantity,
    DateTime OccurredAt) : IDomainEvent;
