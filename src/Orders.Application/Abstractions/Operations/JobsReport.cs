namespace Orders.Application.Abstractions.Operations;

public sealed record JobsReport(
    IReadOnlyList<JobReport> Jobs, OutboxReport Outbox, ExecutionIntakeReport ExecutionReports, ParkedReportsReport ParkedReports, DiscrepanciesReport Discrepancies);

/// <summary>One scheduled job: its trigger, when it fired and fires next, and how its runs went since start.</summary>
public sealed record JobReport(
    string Name,
    string Group,
    string Trigger,
    string TriggerState,
    DateTimeOffset? PreviousFireTime,
    DateTimeOffset? NextFireTime,
    bool Running,
    DateTimeOffset? LastRunAt,
    double? LastRunDurationMs,
    string? LastRunOutcome,
    string? LastFailure,
    long Runs,
    long Failures);

/// <summary>Rows waiting for the exchange: how many, how old the oldest, and how many were given up.</summary>
public sealed record OutboxReport(int Pending, int Claimed, double? OldestPendingAgeSeconds, int DeadLetters);

/// <summary>
/// The exchange's reports since the first: received (each once), waiting to be applied, applied, parked (refused by
/// their order), and dead-lettered (unreadable); the last four add up to the first.
/// </summary>
public sealed record ExecutionIntakeReport(int Received, int Waiting, int Applied, int Parked, int DeadLettered);

/// <summary>The exchange's reports that could not be applied: how many, and the newest with their reasons.</summary>
public sealed record ParkedReportsReport(int Count, IReadOnlyList<ParkedReport> Newest);

public sealed record ParkedReport(string ExecutionId, Guid ClientOrderId, string Reason, DateTimeOffset ParkedAt);

/// <summary>Open orders whose state at the exchange no report explains: how many, and the newest with their reasons.</summary>
public sealed record DiscrepanciesReport(int Count, IReadOnlyList<Discrepancy> Newest);

public sealed record Discrepancy(Guid OrderId, string Reason, DateTimeOffset FoundAt, DateTimeOffset CheckedAt);
