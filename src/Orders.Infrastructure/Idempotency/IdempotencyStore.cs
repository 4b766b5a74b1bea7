using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Idempotency;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Idempotency;

internal sealed class IdempotencyStore(OrdersDbContext dbContext, IOptions<IdempotencyOptions> options, TimeProvider timeProvider) : IIdempotencyStore
{
    private readonly IdempotencyOptions _options = options.Value;

    public async Task<IdempotencyClaim> ClaimAsync(string key, string fingerprint, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var token = Guid.NewGuid();

            // The primary key settles a race: of concurrent inserts of one key, exactly one inserts a row.
            var inserted = await dbContext.Database.ExecuteSqlRawAsync(
                "INSERT INTO idempotency_keys (key, fingerprint, token, created_at, expires_at) VALUES ({0}, {1}, {2}, {3}, {4}) ON CONFLICT (key) DO NOTHING",
                [key, fingerprint, token, now, now + _options.Retention],
                cancellationToken);
            if (inserted == 1)
            {
                return new IdempotencyClaim(key, IdempotencyClaimOutcome.Claimed, token, fingerprint, null);
            }

            var existing = await dbContext.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key, cancellationToken);
            if (existing is null)
            {
                continue; // released or purged in the meantime
            }

            var expired = existing.ExpiresAt <= now;
            var abandoned = existing.CompletedAt is null && existing.CreatedAt < now - _options.InFlightTimeout;
            if (!expired && !abandoned)
            {
                var outcome = existing.CompletedAt is null ? IdempotencyClaimOutcome.InFlight : IdempotencyClaimOutcome.Completed;
                return new IdempotencyClaim(key, outcome, existing.Token, existing.Fingerprint, existing.Response);
            }

            // Take it over only if nobody else did first (its token is still the one read).
            var taken = await dbContext.IdempotencyRecords
                .Where(r => r.Key == key && r.Token == existing.Token)
                .ExecuteUpdateAsync(
                    r => r.SetProperty(x => x.Token, token)
                        .SetProperty(x => x.Fingerprint, fingerprint)
                        .SetProperty(x => x.Response, (string?)null)
                        .SetProperty(x => x.CompletedAt, (DateTime?)null)
                        .SetProperty(x => x.CreatedAt, now)
                        .SetProperty(x => x.ExpiresAt, now + _options.Retention),
                    cancellationToken);
            if (taken == 1)
            {
                return new IdempotencyClaim(key, IdempotencyClaimOutcome.Claimed, token, fingerprint, null);
            }
        }
    }

    public async Task CompleteAsync(IdempotencyClaim claim, string response, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var completed = await dbContext.IdempotencyRecords
            .Where(r => r.Key == claim.Key && r.Token == claim.Token && r.CompletedAt == null)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Response, response).SetProperty(x => x.CompletedAt, now), cancellationToken);
        if (completed == 0)
        {
            throw new InvalidOperationException($"The claim on idempotency key '{claim.Key}' was lost before the request completed.");
        }
    }

    public Task ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken) =>
        dbContext.IdempotencyRecords
            .Where(r => r.Key == claim.Key && r.Token == claim.Token && r.CompletedAt == null)
            .ExecuteDeleteAsync(cancellationToken);

    /// <summary>Deletes expired keys, a batch at a time.</summary>
    public Task<int> PurgeExpiredAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return BatchedDelete.DeleteAllAsync(
            dbContext.IdempotencyRecords.Where(r => r.ExpiresAt < now).OrderBy(r => r.ExpiresAt), batchSize, cancellationToken);
    }
}
