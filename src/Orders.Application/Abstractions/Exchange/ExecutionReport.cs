namespace Orders.Application.Abstractions.Exchange;

/// <summary>
/// What the exchange reports about an order after it holds it (FIX's ExecutionReport): a fill, the end of a cancel, or
/// a cancel refused. <paramref name="ExecutionId"/> is unique at the exchange; <paramref name="Sequence"/> increases
/// within the exchange's <paramref name="SessionId"/> (a restarted exchange starts a new session), so a receiver can
/// tell what it missed. The cumulative fields are the exchange's view of the order after this report.
/// </summary>
/// <param name="LastQuantity">The fill's quantity (0 unless <see cref="ExecutionKind.Fill"/>).</param>
/// <param name="LastPrice">The fill's price (0 unless <see cref="ExecutionKind.Fill"/>).</param>
/// <param name="CumulativeQuantity">Filled so far, this report included.</param>
/// <param name="LeavesQuantity">Still open to fill (0 once filled or cancelled).</param>
/// <param name="AveragePrice">The average price of all fills so far (0 before the first).</param>
/// <param name="Reason">Why, for a refused cancel (e.g. "too late").</param>
public sealed record ExecutionReport(
    string SessionId,
    long Sequence,
    string ExecutionId,
    Guid ClientOrderId,
    string ExchangeOrderId,
    ExecutionKind Kind,
    int LastQuantity,
    decimal LastPrice,
    int CumulativeQuantity,
    int LeavesQuantity,
    decimal AveragePrice,
    DateTime TransactTime,
    string? Reason);
