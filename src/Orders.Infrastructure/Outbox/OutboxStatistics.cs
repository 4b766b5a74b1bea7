namespace Orders.Infrastructure.Outbox;

/// <summary>Pending: neither processed nor dead-lettered (claimed ones included).</summary>
internal sealed record OutboxStatistics(int Pending, int Claimed, TimeSpan? OldestPendingAge, int DeadLetters);
