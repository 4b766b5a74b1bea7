namespace Orders.Infrastructure.Exchange.Market;

/// <summary>
/// One instrument's simulated price: a seeded random walk in cents from the start price, each step at most
/// <see cref="MarketOptions.Volatility"/> of the price, held within the band around the start.
/// </summary>
internal sealed class PriceWalk
{
    private readonly Random _random;
    private readonly decimal _volatility;
    private readonly decimal _floor;
    private readonly decimal _ceiling;

    public PriceWalk(string instrument, MarketOptions options)
    {
        _random = new Random(options.PriceSeed ^ StableHash(instrument));
        _volatility = options.Volatility;
        _floor = Cents(options.StartPrice * (1 - options.PriceBand));
        _ceiling = Cents(options.StartPrice * (1 + options.PriceBand));
        Price = Cents(options.StartPrice);
    }

    public decimal Price { get; private set; }

    public decimal Step()
    {
        var change = Price * _volatility * (decimal)((_random.NextDouble() * 2) - 1);
        Price = Math.Clamp(Cents(Price + change), _floor, _ceiling);
        return Price;
    }

    private static decimal Cents(decimal price) => Math.Round(price, 2, MidpointRounding.AwayFromZero);

    // FNV-1a: string.GetHashCode differs from run to run, and a walk must not.
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var character in text)
        {
            hash = (hash ^ character) * 16777619u;
        }

        return (int)hash;
    }
}
