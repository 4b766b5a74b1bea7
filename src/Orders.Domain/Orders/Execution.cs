namespace Orders.Domain.Orders;

/// <summary>
/// One report of the exchange about the order, as the order applies it. <paramref name="ExecutionId"/> is unique at
/// the exchange, so the order applies a report once whatever the number of times it arrives.
/// </summary>
/// <param name="Quantity">The quantity filled by this report (a fill only).</param>
/// <param name="Price">The price it filled at (a fill only).</param>
/// <param name="Reason">Why a cancel was refused, in the exchange's words.</param>
public sealed record Execution(
    ExecutionType Type,
    string ExecutionId,
    string ExchangeOrderId,
    int Quantity,
    decimal Price,
    DateTimeOffset ExecutedAt,
    string? Reason);
