namespace Orders.Bench.Baseline;

/// <summary>The fields of the exchange's execution report (the webhook body) that the baseline writes; the rest is kept raw.</summary>
public sealed record ExecutionReportRequest(
    string SessionId,
    long Sequence,
    string ExecutionId,
    Guid ClientOrderId,
    int LastQuantity,
    decimal LastPrice,
    DateTime TransactTime);
