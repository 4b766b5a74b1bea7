namespace Orders.ExchangeSimulator;

/// <summary>The simulator's knobs, section "Exchange"; read on every request, so a configuration reload takes effect at once.</summary>
public sealed class ExchangeSimulatorOptions
{
    public const string SectionName = "Exchange";

    /// <summary>How long each call takes before it is answered.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The probability that a call is answered 503 "connection not available" without placing.</summary>
    public double FailureRate { get; set; } = 0.1;

    /// <summary>The probability that a call places (or finds) the order and is answered 503 anyway: an ambiguous outcome.</summary>
    public double LostReplyRate { get; set; }

    /// <summary>How a request for a client order id already held is answered.</summary>
    public DuplicateMode DuplicateMode { get; set; } = DuplicateMode.Resend;

    /// <summary>Whether every valid order is refused (422): the exchange rejecting orders.</summary>
    public bool RejectOrders { get; set; }
}

public enum DuplicateMode
{
    /// <summary>200 with the existing exchange order id.</summary>
    Resend,

    /// <summary>409 "duplicate client order id", carrying the existing exchange order id.</summary>
    Reject,
}
