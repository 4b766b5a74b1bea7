namespace Orders.Infrastructure.Executions;

/// <summary>An exchange session as the service has received it: every report up to <see cref="ContiguousSequence"/> is held.</summary>
internal sealed class ExchangeSession
{
    public required string SessionId { get; init; }

    /// <summary>The last sequence before the first one the service does not hold (0: none held yet).</summary>
    public long ContiguousSequence { get; set; }
}
