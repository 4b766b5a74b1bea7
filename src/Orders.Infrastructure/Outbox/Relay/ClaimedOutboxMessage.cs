namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>
/// A row this relay holds under <see cref="LockToken"/>. <see cref="Attempts"/> counts this attempt: the claim
/// counts it, so a message that kills its relay still counts; a not-attempted outcome gives it back. The ordering key
/// and the trace contexts are for the delivery's span (see <see cref="OutboxMessage"/>).
/// </summary>
internal sealed record ClaimedOutboxMessage(
    Guid Id, string Type, string Payload, DateTime OccurredAt, int Attempts, Guid LockToken, string? OrderingKey = null, string? TraceParent = null, string? TraceLink = null);
