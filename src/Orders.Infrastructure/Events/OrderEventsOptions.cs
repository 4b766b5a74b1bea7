namespace Orders.Infrastructure.Events;

public sealed class OrderEventsOptions
{
    public const string SectionName = "Events";

    /// <summary>
    /// How often a stream looks for new events when nothing wakes it sooner; a commit of this instance wakes its
    /// streams at once, so this bounds the delay of other instances' changes.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a stream sends a comment, so that proxies keep a quiet connection open.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long events are kept: a client that reconnects later has missed the ones purged.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the purge job runs.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);
}
