namespace Orders.Application.Abstractions.Exchange;

/// <summary>What the exchange holds for a client order id (FIX's order status request), with every report of it so far.</summary>
public sealed record ExchangeOrderStatus(ExchangeOrderState State, string? ExchangeOrderId, IReadOnlyList<ExecutionReport> Executions)
{
    public static ExchangeOrderStatus Unknown { get; } = new(ExchangeOrderState.Unknown, null, []);
}

public enum ExchangeOrderState
{
    /// <summary>The exchange has never held this client order id.</summary>
    Unknown,

    /// <summary>Held, with something left to fill.</summary>
    Open,

    Filled,

    Cancelled,
}
