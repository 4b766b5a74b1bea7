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

    /// <summary>
    /// How long after its row was written (an order's acceptance, or its re-drive) a failed attempt gives the
    /// order up as failed and keeps the row as a dead letter. Calls the exchange adapter held back are no attempts.
    /// Well inside the time the exchange remembers client order ids, so a late retry cannot place twice.
    /// </summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The wait after the first failure; it doubles with each further failure, with jitter.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between two attempts, and so the longest an order waits once the exchange is back. An outage
    /// is the circuit breaker's to absorb, not the backoff's.
    /// </summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long processed rows are kept before the cleanup job deletes them.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the cleanup job runs.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Readiness turns unhealthy when the oldest due row has waited longer than this.</summary>
    public TimeSpan MaxPendingAge { get; set; } = TimeSpan.FromMinutes(5);
}
