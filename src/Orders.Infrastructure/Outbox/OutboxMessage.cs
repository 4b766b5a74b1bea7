namespace Orders.Infrastructure.Outbox;

/// <summary>
/// A domain event waiting to be dispatched, written in the same transaction as the change that raised it.
/// Pending: neither processed nor dead-lettered. Claimed: <see cref="LockedUntil"/> lies in the future.
/// </summary>
internal sealed class OutboxMessage
{
    public Guid Id { get; init; }

    /// <summary>The stable name of the message's kind (a domain event's from <see cref="OutboxEventTypes"/>), never a CLR type name.</summary>
    public required string Type { get; init; }

    public required string Payload { get; init; }

    public DateTime OccurredAt { get; init; }

    /// <summary>
    /// Messages with the same key (an order's: its id) are relayed one at a time, in the order they occurred;
    /// null for a message that waits for no other.
    /// </summary>
    public string? OrderingKey { get; init; }

    /// <summary>
    /// The trace the message's span continues (a <see cref="Monitoring.Tracing.StoredTraceContext"/>): its order's journey,
    /// null when unknown.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The trace context of what wrote the row (a DELETE, a report's push), when that is not <see cref="TraceParent"/>: the span links to it.</summary>
    public string? TraceLink { get; init; }

    public DateTime? ProcessedAt { get; set; }

    public DateTime? DeadLetteredAt { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The claim's token: an outcome is recorded only by the dispatcher that still holds it.</summary>
    public Guid? LockToken { get; set; }

    /// <summary>End of the claim's lease, by the database's clock.</summary>
    public DateTime? LockedUntil { get; set; }
}
