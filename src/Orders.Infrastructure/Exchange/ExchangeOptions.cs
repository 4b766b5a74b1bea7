namespace Orders.Infrastructure.Exchange;

public sealed class ExchangeOptions
{
    public const string SectionName = "Exchange";

    public ExchangeMode Mode { get; set; } = ExchangeMode.Simulated;

    /// <summary>Simulated: how long each call takes.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Simulated: the probability that a call fails with "connection not available".</summary>
    public double FailureRate { get; set; } = 0.1;

    /// <summary>Http: the exchange's base address.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// The Standard Webhooks signing secret (<c>whsec_</c> and base64) the exchange signs its pushed reports with; without
    /// it, POST /exchange/executions takes nothing.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Http: how long one call may take before its outcome counts as unknown.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}

public enum ExchangeMode
{
    Simulated,
    Http,
}
