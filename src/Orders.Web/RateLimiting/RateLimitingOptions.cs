namespace Orders.Web.RateLimiting;

/// <summary>
/// Each account's token bucket on the client API: <see cref="PermitsPerSecond"/> requests a second on average, up to
/// <see cref="Burst"/> at once. The defaults only stop a runaway client; a deployment sets its own.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public int PermitsPerSecond { get; set; } = 10_000;

    public int Burst { get; set; } = 20_000;
}
