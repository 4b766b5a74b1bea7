using Orders.Application.Abstractions.Exchange;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Exchange.Market;

/// <summary>A client order the market holds, and what became of it; changed only under the market's lock.</summary>
internal sealed class MarketOrder
{
    private decimal _notional;

    public MarketOrder(ExchangeOrder order, string exchangeOrderId, long arrival)
    {
        Order = order;
        ExchangeOrderId = exchangeOrderId;
        Arrival = arrival;
        Limit = order.Type == OrderType.Limit
            ? order.LimitPrice ?? throw new ArgumentException("A limit order needs its limit price.", nameof(order))
            : null;
    }

    public ExchangeOrder Order { get; }

    public string ExchangeOrderId { get; }

    /// <summary>When the order arrived, as a count: a lower one is older.</summary>
    public long Arrival { get; }

    /// <summary>The limit price; null for a market order.</summary>
    public decimal? Limit { get; }

    public ExchangeOrderState State { get; private set; } = ExchangeOrderState.Open;

    public int Filled { get; private set; }

    public int Leaves => State == ExchangeOrderState.Open ? Order.Quantity - Filled : 0;

    /// <summary>The average price of the fills so far, to 4 places; 0 before the first.</summary>
    public decimal AveragePrice => Filled == 0 ? 0 : Math.Round(_notional / Filled, 4);

    /// <summary>Every report about this order, in sequence order.</summary>
    public List<ExecutionReport> Reports { get; } = [];

    /// <summary>The report that answered the first cancel: a cancel asked again is answered with it again.</summary>
    public ExecutionReport? CancelAnswer { get; set; }

    /// <summary>A market order's executions still to come, and the timer that makes them.</summary>
    public Queue<int> PartsToFill { get; } = [];

    public ITimer? PartsTimer { get; set; }

    /// <summary>Whether a limit order trades at this price: a buy at or below its limit, a sell at or above.</summary>
    public bool TradesAt(decimal price) => Order.Side == OrderSide.Buy ? price <= Limit : price >= Limit;

    public void Fill(int quantity, decimal price)
    {
        Filled += quantity;
        _notional += quantity * price;
        if (Filled == Order.Quantity)
        {
            State = ExchangeOrderState.Filled;
            PartsTimer?.Dispose();
        }
    }

    public void Cancel()
    {
        State = ExchangeOrderState.Cancelled;
        PartsTimer?.Dispose();
    }
}
