using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Orders.Web.Authentication;

namespace Orders.Web.RateLimiting;

/// <summary>
/// The client API's rate limit, a token bucket per account for ASP.NET Core's rate limiting middleware, and the
/// httpapi draft's fields that tell a client where it stands: <c>RateLimit-Policy</c> and <c>RateLimit</c> on every
/// answer of a limited endpoint, and <c>Retry-After</c> on a 429.
/// </summary>
internal sealed class AccountRateLimit(IOptions<RateLimitingOptions> options, TimeProvider timeProvider) : IRateLimiterPolicy<Guid>
{
    public const string PolicyName = "per-account";

    // One per account that has called, kept for the process's life: accounts are few, and a bucket is a few words.
    private readonly ConcurrentDictionary<Guid, TokenBucket> _buckets = new();

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<Guid> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.Get(httpContext.User.AccountId(), BucketOf);

    /// <summary>Writes the draft's fields for the caller's bucket; on an endpoint the policy let through, after it took its token.</summary>
    public void WriteFields(HttpContext httpContext)
    {
        var (remaining, untilFull) = BucketOf(httpContext.User.AccountId()).State();
        var headers = httpContext.Response.Headers;
        headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"{PolicyName}\";q={options.Value.PermitsPerSecond};w=1");
        headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"{PolicyName}\";r={remaining};t={Seconds(untilFull)}");
    }

    private TokenBucket BucketOf(Guid accountId) =>
        _buckets.GetOrAdd(accountId, _ => new TokenBucket(options.Value.Burst, options.Value.PermitsPerSecond, timeProvider));

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Seconds(wait) : 1;
        WriteFields(context.HttpContext);
        context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: string.Create(CultureInfo.InvariantCulture, $"The account's requests exceed {options.Value.PermitsPerSecond} a second; retry after {retryAfter} s."))
            .ExecuteAsync(context.HttpContext);
    }

    // Whole seconds, rounded up: a client that waits that long finds a token.
    private static long Seconds(TimeSpan time) => (long)Math.Ceiling(time.TotalSeconds);
}
