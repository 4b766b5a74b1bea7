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

    /// <summary>The refusal's error text with <see cref="RejectOrders"/>: what the service keeps as the rejection's reason.</summary>
    public string RejectReason { get; set; } = "the exchange rejects every order";

    /// <summary>Where each execution report is pushed (the service's <c>POST /exchange/executions</c>); no pushes when unset.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The Standard Webhooks signing secret, <c>whsec_</c> and base64; required with <see cref="WebhookUrl"/>.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The wait after a push's first failure; it doubles with each further failure, with jitter.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries of a push.</summary>
    public TimeSpan WebhookMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The probability that a report is pushed twice.</summary>
    public double DuplicateRate { get; set; }

    /// <summary>The probability that a report is held back and pushed after the next one.</summary>
    public double ReorderRate { get; set; }

    /// <summary>The probability that a report is never pushed (a receiver finds it through <c>GET /executions</c>).</summary>
    public double DropRate { get; set; }
}

public enum DuplicateMode
{
    /// <summary>200 with the existing exchange order id.</summary>
    Resend,

    /// <summary>409 "duplicate client order id", carrying the existing exchange order id.</summary>
    Reject,
}
