namespace Orders.Bench.Baseline;

/// <summary>The service's 201 body: the same eight fields.</summary>
public sealed record OrderResponse(
    Guid Id,
    DateTime CreatedAt,
    OrderType Type,
    OrderSide Side,
    string Instrument,
    decimal? LimitPrice,
    int Quantity,
    string Status);
