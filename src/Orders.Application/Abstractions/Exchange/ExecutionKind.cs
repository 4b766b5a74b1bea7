namespace Orders.Application.Abstractions.Exchange;

public enum ExecutionKind
{
    /// <summary>Part or all of the order traded.</summary>
    Fill,

    /// <summary>The order's open quantity was cancelled; what filled before stays filled.</summary>
    Cancelled,

    /// <summary>A cancel came too late (nothing left to fill) or named an order the exchange does not hold.</summary>
    CancelRejected,
}
