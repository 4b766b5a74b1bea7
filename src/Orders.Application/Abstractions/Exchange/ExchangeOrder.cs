using Orders.Domain.Orders;

namespace Orders.Application.Abstractions.Exchange;

/// <summary>An order as sent to the exchange; the order's own id is the client order id.</summary>
public sealed record ExchangeOrder(
    Guid ClientOrderId,
    OrderType Type,
    OrderSide Side,
    string Instrument,
    decimal? LimitPrice,
    int Quantity)
{
    public static ExchangeOrder From(OrderAcceptedDomainEvent accepted) =>
        new(accepted.OrderId, accepted.Type, accepted.Side, accepted.Instrument, accepted.LimitPrice, accepted.Quantity);
}
