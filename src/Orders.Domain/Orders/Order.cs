using System.Globalization;
using Orders.Domain.Abstractions;

namespace Orders.Domain.Orders;

/// <summary>
/// A client's stock order, from acceptance through placement at the exchange to its fills and its end (filled,
/// cancelled, or failed when placement was given up). The exchange's reports may come late, twice or out of order:
/// each is applied once, by its execution id, and any order of the same reports ends in the same state.
/// </summary>
public sealed class Order : AggregateRoot
{
    private const string CancelRejectedDefaultReason = "too late";
    private const string PlacedLearnedFromReport = "Placed at the exchange, learned from its report";
    private const string PlacedAfterGivingUp = "The exchange holds the order although its placement was given up";
    private const string CancelledAtExchange = "Cancelled at the exchange";
    private const string CancelledBeforeSent = "Cancelled before it was sent to the exchange";

    private readonly List<OrderStatusChange> _history = [];
    private readonly List<OrderExecution> _executions = [];

    private Order(
        Guid id,
        Guid accountId,
        DateTime createdAt,
        OrderType type,
        OrderSide side,
        string instrument,
        decimal? limitPrice,
        int quantity)
    {
        Id = id;
        AccountId = accountId;
        CreatedAt = createdAt;
        Type = type;
        Side = side;
        Instrument = instrument;
        LimitPrice = limitPrice;
        Quantity = quantity;
        Status = OrderStatus.Pending;
    }

    public Guid Id { get; private set; }

    /// <summary>The account the order belongs to.</summary>
    public Guid AccountId { get; private set; }

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

    /// <summary>The sum of the fills' quantities.</summary>
    public int FilledQuantity { get; private set; }

    /// <summary>The fills' average price, weighted by quantity, rounded to <see cref="OrderRules.ExecutionPriceScale"/> places; null before a fill.</summary>
    public decimal? AveragePrice { get; private set; }

    public IReadOnlyList<OrderStatusChange> History => _history.AsReadOnly();

    /// <summary>Every report applied, fills and cancels, by execution id.</summary>
    public IReadOnlyList<OrderExecution> Executions => _executions.AsReadOnly();

    /// <summary>Accepts a new order of the account's: it starts pending and raises the event that gets it placed.</summary>
    public static Order Accept(
        Guid accountId,
        OrderType type,
        OrderSide side,
        string instrument,
        decimal? limitPrice,
        int quantity,
        DateTimeOffset now)
    {
        DomainException.Ensure(accountId != Guid.Empty, "An order belongs to an account");
        DomainException.Ensure(Enum.IsDefined(type), "Unknown order type");
        DomainException.Ensure(Enum.IsDefined(side), "Unknown order side");
        DomainException.Ensure(OrderRules.IsValidInstrument(instrument), OrderRules.InstrumentMessage);
        DomainException.Ensure(OrderRules.IsValidQuantity(quantity), OrderRules.QuantityMessage);
        DomainException.Ensure(type != OrderType.Limit || limitPrice is not null, OrderRules.LimitPriceRequiredMessage);
        DomainException.Ensure(type != OrderType.Market || limitPrice is null, OrderRules.LimitPriceProhibitedMessage);
        DomainException.Ensure(limitPrice is null || OrderRules.IsValidLimitPrice(limitPrice.Value), OrderRules.LimitPriceMessage);

        var createdAt = ToStoredPrecision(now);
        var order = new Order(Guid.CreateVersion7(now), accountId, createdAt, type, side, instrument, limitPrice, quantity);
        order._history.Add(new OrderStatusChange(OrderStatus.Pending, createdAt, null));
        order.Raise(new OrderAcceptedDomainEvent(order.Id, type, side, instrument, limitPrice, quantity, createdAt));
        return order;
    }

    /// <summary>
    /// The exchange confirmed the order. Repeating it changes nothing: placement is at most once. A confirmation that
    /// arrives after a report moved the order on (a fill, a cancel) changes no status; it only records the placement
    /// if no report did.
    /// </summary>
    public void MarkPlaced(string exchangeOrderId, DateTimeOffset now)
    {
        if (PlacedAt is not null)
        {
            return;
        }

        DomainException.Ensure(OrderRules.IsValidExchangeId(exchangeOrderId), OrderRules.ExchangeOrderIdMessage);
        RecordPlacement(exchangeOrderId, ToStoredPrecision(now), reason: null);
        if (Status is OrderStatus.Pending or OrderStatus.Failed)
        {
            Status = OrderStatus.Placed;
        }
    }

    /// <summary>
    /// Placement was given up; only a pending order can fail. When the exchange <paramref name="mayHoldIt"/> (the last
    /// attempt's outcome is unknown), the order is withdrawn there too, so it cannot live on unseen: the event raised
    /// gets the cancel to the exchange, whose report tells what it held.
    /// </summary>
    public void MarkFailed(string reason, DateTimeOffset now, bool mayHoldIt = false)
    {
        if (Status != OrderStatus.Pending)
        {
            return;
        }

        Status = OrderStatus.Failed;
        FailureReason = reason;
        _history.Add(new OrderStatusChange(OrderStatus.Failed, ToStoredPrecision(now), reason));
        if (mayHoldIt)
        {
            Raise(new OrderCancelRequestedDomainEvent(Id));
        }
    }

    /// <summary>
    /// An operator sends a failed order to the exchange again: it is pending once more and raises the
    /// event that gets it placed. Its id, and so its client order id at the exchange, stays the same.
    /// </summary>
    public void Redrive(string reason, DateTimeOffset now)
    {
        DomainException.Ensure(Status == OrderStatus.Failed, "Only a failed order can be re-driven");
        var changedAt = ToStoredPrecision(now);
        Status = OrderStatus.Pending;
        FailureReason = null;
        _history.Add(new OrderStatusChange(OrderStatus.Pending, changedAt, reason));
        Raise(new OrderAcceptedDomainEvent(Id, Type, Side, Instrument, LimitPrice, Quantity, changedAt));
    }

    /// <summary>
    /// Applies one of the exchange's reports. A fill before the placement confirmation, or after placement was given
    /// up, means the exchange holds the order: it is placed. A fill reported after the cancel is kept (it traded
    /// before the cancel) and the order stays cancelled. A refused cancel takes a cancelling order back to where its
    /// fills put it.
    /// </summary>
    public ExecutionOutcome Apply(Execution execution, DateTimeOffset now)
    {
        if (_executions.Exists(applied => applied.ExecutionId == execution.ExecutionId))
        {
            return new ExecutionOutcome.Duplicate();
        }

        if (RejectionOf(execution) is { } reason)
        {
            return new ExecutionOutcome.Rejected(reason);
        }

        var at = ToStoredPrecision(now);
        var isFill = execution.Type == ExecutionType.Fill;
        _executions.Add(new OrderExecution(
            execution.ExecutionId,
            execution.Type,
            isFill ? execution.Quantity : 0,
            isFill ? execution.Price : 0,
            ToStoredPrecision(execution.ExecutedAt)));

        // Refused, a cancel proves nothing: the exchange may not hold the order at all.
        if (execution.Type != ExecutionType.CancelRejected && PlacedAt is null)
        {
            RecordPlacement(execution.ExchangeOrderId, at, Status == OrderStatus.Failed ? PlacedAfterGivingUp : PlacedLearnedFromReport);
        }

        switch (execution.Type)
        {
            case ExecutionType.Fill:
                ApplyFill(execution, at);
                break;
            case ExecutionType.Cancelled:
                ChangeStatus(OrderStatus.Cancelled, at, CancelledAtExchange);
                break;
            default:
                var refusal = $"cancel rejected: {(string.IsNullOrWhiteSpace(execution.Reason) ? CancelRejectedDefaultReason : execution.Reason)}";
                ChangeStatus(Status == OrderStatus.Cancelling ? StatusOfFills() : Status, at, refusal[..Math.Min(refusal.Length, OrderRules.ReasonLength)]);
                break;
        }

        return new ExecutionOutcome.Applied();
    }

    /// <summary>
    /// A client asks to cancel the order. A pending order is cancelled at once when no attempt to place it can have
    /// been made (<paramref name="mayHaveBeenSent"/> false: the caller has withdrawn its placement); otherwise the
    /// cancel goes to the exchange (the event raised gets it there), whose report ends it.
    /// </summary>
    public CancelRequestOutcome RequestCancel(bool mayHaveBeenSent, DateTimeOffset now)
    {
        switch (Status)
        {
            case OrderStatus.Cancelled:
                return CancelRequestOutcome.AlreadyCancelled;
            case OrderStatus.Cancelling:
                return CancelRequestOutcome.AlreadyCancelling;
            case OrderStatus.Filled or OrderStatus.Failed:
                return CancelRequestOutcome.NotCancellable;
            case OrderStatus.Pending when !mayHaveBeenSent:
                ChangeStatus(OrderStatus.Cancelled, ToStoredPrecision(now), CancelledBeforeSent);
                return CancelRequestOutcome.CancelledNow;
            default:
                ChangeStatus(OrderStatus.Cancelling, ToStoredPrecision(now), reason: null);
                Raise(new OrderCancelRequestedDomainEvent(Id));
                return CancelRequestOutcome.Cancelling;
        }
    }

    private string? RejectionOf(Execution execution)
    {
        if (!OrderRules.IsValidExchangeId(execution.ExecutionId))
        {
            return OrderRules.ExecutionIdMessage;
        }

        // A refused cancel changes no fill, and for an order the exchange does not hold it names none (FIX's "NONE").
        if (execution.Type == ExecutionType.CancelRejected)
        {
            return null;
        }

        if (!OrderRules.IsValidExchangeId(execution.ExchangeOrderId))
        {
            return OrderRules.ExchangeOrderIdMessage;
        }

        if (ExchangeOrderId is not null && execution.ExchangeOrderId != ExchangeOrderId)
        {
            return OrderRules.OtherExchangeOrderMessage(ExchangeOrderId, execution.ExchangeOrderId);
        }

        return execution.Type switch
        {
            ExecutionType.Fill when !OrderRules.IsValidQuantity(execution.Quantity) => OrderRules.FillQuantityMessage,
            ExecutionType.Fill when !OrderRules.IsValidFillPrice(execution.Price) => OrderRules.FillPriceMessage,
            ExecutionType.Fill when FilledQuantity + (long)execution.Quantity > Quantity => OrderRules.OverfillMessage(Quantity, FilledQuantity, execution.Quantity),
            ExecutionType.Cancelled when Status == OrderStatus.Filled => OrderRules.FilledOrderNotCancelledMessage,
            _ => null,
        };
    }

    private void ApplyFill(Execution fill, DateTime at)
    {
        var fills = _executions.Where(execution => execution.Type == ExecutionType.Fill).ToList();
        FilledQuantity = fills.Sum(execution => execution.Quantity);
        var averagePrice = fills.Sum(execution => execution.Quantity * execution.Price) / FilledQuantity;
        AveragePrice = decimal.Round(averagePrice, OrderRules.ExecutionPriceScale, MidpointRounding.AwayFromZero);

        // A fill reported after the cancel traded before it: the order stays cancelled.
        var status = Status is OrderStatus.Cancelled or OrderStatus.Cancelling && FilledQuantity < Quantity ? Status : StatusOfFills();
        ChangeStatus(status, at, string.Create(CultureInfo.InvariantCulture, $"{fill.Quantity} filled at {fill.Price} (execution {fill.ExecutionId})"));
    }

    /// <summary>The status the fills and the placement give, with no cancel under way.</summary>
    private OrderStatus StatusOfFills() =>
        FilledQuantity == Quantity ? OrderStatus.Filled
        : FilledQuantity > 0 ? OrderStatus.PartiallyFilled
        : PlacedAt is not null ? OrderStatus.Placed
        : OrderStatus.Pending;

    private void RecordPlacement(string exchangeOrderId, DateTime at, string? reason)
    {
        PlacedAt = at;
        ExchangeOrderId = exchangeOrderId;
        FailureReason = null;
        _history.Add(new OrderStatusChange(OrderStatus.Placed, at, reason));
    }

    private void ChangeStatus(OrderStatus status, DateTime at, string? reason)
    {
        Status = status;
        _history.Add(new OrderStatusChange(status, at, reason));
    }

    // Databases keep microseconds; truncating here makes what a client is told equal to what is read back.
    private static DateTime ToStoredPrecision(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
