namespace Orders.Infrastructure.Resilience;

/// <summary>Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries spread out but still grow.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Min(failedAttempts - 1, 30);
        var capped = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (capped / 2 * random));
    }
}
