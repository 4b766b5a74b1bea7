namespace Orders.Bench.Baseline;

public enum OrderType
{
    Market,
    Limit,
}

public enum OrderSide
{
    Buy,
    Sell,
}

/// <summary>The body of POST /orders, taken as it comes.</summary>
public sealed record OrderRequest(OrderType Type, OrderSide Side, string Instrument, decimal? LimitPrice, int Quantity);
