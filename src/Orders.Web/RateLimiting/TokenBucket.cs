using System.Threading.RateLimiting;

namespace Orders.Web.RateLimiting;

/// <summary>
/// One account's bucket: <c>burst</c> tokens at most, refilled at <c>perSecond</c>, counted on the service's
/// TimeProvider when a request comes (the framework's TokenBucketRateLimiter reads the Stopwatch, which a test cannot
/// move). No queue: a request without a token is refused at once, with when one will be there.
/// </summary>
internal sealed class TokenBucket(int burst, int perSecond, TimeProvider timeProvider) : RateLimiter
{
    private readonly Lock _lock = new();
    private double _tokens = burst;
    private long _countedAt = timeProvider.GetTimestamp();

    /// <summary>Never idle: the partitioned limiter keeps the bucket, whose tokens must outlive a quiet spell.</summary>
    public override TimeSpan? IdleDuration => null;

    /// <summary>The whole tokens left and how long until the bucket is full again.</summary>
    public (int Remaining, TimeSpan UntilFull) State()
    {
        lock (_lock)
        {
            Refill();
            return ((int)_tokens, TimeSpan.FromSeconds((burst - _tokens) / perSecond));
        }
    }

    public override RateLimiterStatistics GetStatistics() => new() { CurrentAvailablePermits = State().Remaining };

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            Refill();
            if (_tokens >= permitCount)
            {
                _tokens -= permitCount;
                return Lease.Granted;
            }

            return Lease.Refused(TimeSpan.FromSeconds((permitCount - _tokens) / perSecond));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Refill()
    {
        var now = timeProvider.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + (timeProvider.GetElapsedTime(_countedAt, now).TotalSeconds * perSecond));
        _countedAt = now;
    }

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(isAcquired: true, retryAfter: null);

        public override bool IsAcquired => isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Refused(TimeSpan retryAfter) => new(isAcquired: false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
