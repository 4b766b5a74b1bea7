using Orders.Domain.Abstractions;

namespace Orders.Domain.Orders;

/// <summary>A client's stock order, from acceptance until the exchange confirms it (or gives up).</summary>
public sealed class Order : AggregateRoot
{
    private readonly List<OrderStatusChange> _history = [];

    private Order(
        Guid id,
        DateTime createdAt,
        OrderType type,
        OrderSide side,
        string instrument,
        decimal? limitPrice,
        int quantity)
    {
        Id = id;
        CreatedAt = createdAt;
        Type = type;
        Side = side;
        Instrument = instrument;
        LimitPrice = limitPrice;
        Quantity = quantity;
        Status = OrderStatus.Pending;
    }

    public Guid Id { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    public OrderType Type { get; private set; }

    public OrderSide Side { get; private set; }

    public string Instrument { get; private set; }

    public decimal? LimitPrice { get; private set; }

    public int Quantity { get; private set; }

    public OrderStatus Status { get; private set; }

    public DateTime? PlacedAt { get; private set; }

    public string? ExchangeOrderId { get; private set; }

    public string? FailureReason { get; private set; }

    public IReadOnlyList<OrderStatusChange> History => _history.AsReadOnly();

    /// <summary>Accepts a new order: it starts pending and raises the event that gets it placed.</summary>
    public static Order Accept(
        OrderType type,
        OrderSide side,
        string instrument,
        decimal? limitPrice,
        int quantity,
        DateTimeOffset now)
    {
        Ensure(Enum.IsDefined(type), "Unknown order type");
        Ensure(Enum.IsDefined(side), "Unknown order side");
        Ensure(OrderRules.IsValidInstrument(instrument), OrderRules.InstrumentMessage);
        Ensure(OrderRules.IsValidQuantity(quantity), OrderRules.QuantityMessage);
        Ensure(type != OrderType.Limit || limitPrice is not null, OrderRules.LimitPriceRequiredMessage);
        Ensure(type != OrderType.Market || limitPrice is null, OrderRules.LimitPriceProhibitedMessage);
        Ensure(limitPrice is null || OrderRules.IsValidLimitPrice(limitPrice.Value), OrderRules.LimitPriceMessage);

        var createdAt = ToStoredPrecision(now);
        var order = new Order(Guid.CreateVersion7(now), createdAt, type, side, instrument, limitPrice, quantity);
        order._history.Add(new OrderStatusChange(OrderStatus.Pending, createdAt, null));
        order.Raise(new OrderAcceptedDomainEvent(order.Id, type, side, instrument, limitPrice, quantity, createdAt));
        return order;
    }

    /// <summary>The exchange confirmed the order. Repeating it changes nothing: placement is at most once.</summary>
    public void MarkPlaced(string exchangeOrderId, DateTimeOffset now)
    {
        if (Status == OrderStatus.Placed)
        {
            return;
        }

        Ensure(!string.IsNullOrWhiteSpace(exchangeOrderId), "An exchange order id is required");
        Status = OrderStatus.Placed;
        PlacedAt = ToStoredPrecision(now);
        ExchangeOrderId = exchangeOrderId;
        FailureReason = null;
        _history.Add(new OrderStatusChange(OrderStatus.Placed, PlacedAt.Value, null));
    }

    /// <summary>Placement was given up; only a pending order can fail.</summary>
    public void MarkFailed(string reason, DateTimeOffset now)
    {
        if (Status != OrderStatus.Pending)
        {
            return;
        }

        Status = OrderStatus.Failed;
        FailureReason = reason;
        _history.Add(new OrderStatusChange(OrderStatus.Failed, ToStoredPrecision(now), reason));
    }

    /// <summary>
    /// An operator sends a failed order to the exchange again: it is pending once more and raises the
    /// event that gets it placed. Its id, and so its client order id at the exchange, stays the same.
    /// </summary>
    public void Redrive(string reason, DateTimeOffset now)
    {
        Ensure(Status == OrderStatus.Failed, "Only a failed order can be re-driven");
        var changedAt = ToStoredPrecision(now);
        Status = OrderStatus.Pending;
        FailureReason = null;
        _history.Add(new OrderStatusChange(OrderStatus.Pending, changedAt, reason));
        Raise(new OrderAcceptedDomainEvent(Id, Type, Side, Instrument, LimitPrice, Quantity, changedAt));
    }

    // Databases keep microseconds; truncating here makes what a client is told equal to what is read back.
    private static DateTime ToStoredPrecision(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    private static void Ensure(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(message);
        }
    }
}
