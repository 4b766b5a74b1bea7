using Orders.Domain.Orders;

namespace Orders.Infrastructure.Exchange.Market;

/// <summary>One instrument: its price, and the limit orders resting until the price reaches them.</summary>
internal sealed class InstrumentBook(PriceWalk walk)
{
    // Each side keeps first the order a moving price reaches first: the highest buy, the lowest sell.
    private readonly SortedSet<MarketOrder> _buys = new(Comparer<MarketOrder>.Create((a, b) => Compare(b.Limit, a.Limit, a, b)));
    private readonly SortedSet<MarketOrder> _sells = new(Comparer<MarketOrder>.Create((a, b) => Compare(a.Limit, b.Limit, a, b)));

    public PriceWalk Walk { get; } = walk;

    public void Rest(MarketOrder order) => SideOf(order).Add(order);

    public void Remove(MarketOrder order) => SideOf(order).Remove(order);

    /// <summary>Takes out every resting order that trades at the price, oldest first.</summary>
    public List<MarketOrder> TakeTradingAt(decimal price)
    {
        var trading = new List<MarketOrder>();
        foreach (var side in (SortedSet<MarketOrder>[])[_buys, _sells])
        {
            while (side.Min is { } first && first.TradesAt(price))
            {
                side.Remove(first);
                trading.Add(first);
            }
        }

        trading.Sort((a, b) => a.Arrival.CompareTo(b.Arrival));
        return trading;
    }

    private SortedSet<MarketOrder> SideOf(MarketOrder order) => order.Order.Side == OrderSide.Buy ? _buys : _sells;

    private static int Compare(decimal? first, decimal? second, MarketOrder a, MarketOrder b) =>
        Nullable.Compare(first, second) is var byLimit and not 0 ? byLimit : a.Arrival.CompareTo(b.Arrival);
}
