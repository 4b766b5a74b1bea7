namespace Orders.Infrastructure.Outbox;

public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>
    /// Whether this instance dispatches the outbox. Instances that only accept orders can leave it to others;
    /// the processed-row cleanup runs either way.
    /// </summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>How often the dispatcher looks for due rows when nothing wakes it sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most rows one claim takes.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Exchange calls in flight at once per instance; at ~500 ms a call, 100 sustain ~200 placements a second.</summary>
    public int MaxConcurrency { get; set; } = 100;

    /// <summary>How long a claim holds its rows; it must outlast an exchange call. A dead dispatcher's rows come back after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before an order is given up as failed and its row kept as a dead letter.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failure; it doubles with each further failure, with jitter.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long processed rows are kept before the cleanup job deletes them.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the cleanup job runs.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Readiness turns unhealthy when the oldest due row has waited longer than this.</summary>
    public TimeSpan MaxPendingAge { get; set; } = TimeSpan.FromMinutes(5);
}
