namespace Orders.Infrastructure.Outbox;

/// <summary>A row this dispatcher holds under <see cref="LockToken"/>; <see cref="Attempts"/> counts this attempt.</summary>
internal sealed record ClaimedOutboxMessage(Guid Id, string Type, string Payload, int Attempts, Guid LockToken);
