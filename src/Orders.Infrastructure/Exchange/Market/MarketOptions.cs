namespace Orders.Infrastructure.Exchange.Market;

/// <summary>
/// The simulated market's settings (section "Exchange", shared by the in-process exchange and the standalone simulator),
/// taken when the market starts. Every instrument's price starts at <see cref="StartPrice"/> and walks, tick by tick, at
/// most <see cref="Volatility"/> of itself per tick, never leaving <see cref="StartPrice"/> ± <see cref="PriceBand"/>:
/// with the defaults, 180.00 to 220.00, so a buy limit below 180 (the benchmark's 150.25) rests for good.
/// </summary>
public sealed class MarketOptions
{
    public const string SectionName = "Exchange";

    /// <summary>The price every instrument starts at.</summary>
    public decimal StartPrice { get; set; } = 200m;

    /// <summary>How far the price may stray from <see cref="StartPrice"/>, as a fraction of it.</summary>
    public decimal PriceBand { get; set; } = 0.1m;

    /// <summary>The largest step of the price in one tick, as a fraction of the price.</summary>
    public decimal Volatility { get; set; } = 0.001m;

    /// <summary>Seeds the walks (mixed with the instrument) and the split of market orders: the same seed, the same market.</summary>
    public int PriceSeed { get; set; } = 14;

    /// <summary>How often the prices move and resting limit orders are checked against them.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A market order is filled within this time of its placement, in one to three executions.</summary>
    public TimeSpan FillDelay { get; set; } = TimeSpan.FromSeconds(1);
}
