namespace Orders.Infrastructure.Executions;

/// <summary>
/// One of the exchange's reports as the service received it (the inbox): kept once by its execution id, with the
/// text it came in, and, when it cannot be applied, why.
/// </summary>
internal sealed class ReceivedExecutionReport
{
    public required string ExecutionId { get; init; }

    public required string SessionId { get; init; }

    public long Sequence { get; init; }

    public Guid ClientOrderId { get; init; }

    public required string Payload { get; init; }

    public DateTime ReceivedAt { get; init; }

    /// <summary>Why the report cannot be applied (an unknown order, an overfill); null while it can.</summary>
    public string? ParkedReason { get; set; }

    public DateTime? ParkedAt { get; set; }
}
