using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Idempotency;
using Orders.Infrastructure.Persistence;
using Orders.Infrastructure.Persistence.Sql;

namespace Orders.Infrastructure.Idempotency;

internal sealed class IdempotencyStore(OrdersDbContext dbContext, IIdempotencySql sql, IOptions<IdempotencyOptions> options, TimeProvider timeProvider)
    : IIdempotencyStore
{
    private readonly IdempotencyOptions _options = options.Value;

    public async Task<IdempotentRequest?> TryStoreAsync(Guid accountId, string key, IdempotentRequest request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = UtcNow();

            // An insert of a key another open transaction has inserted waits for that transaction, then inserts
            // nothing if it committed, or inserts if it rolled back.
            var inserted = await dbContext.Database.ExecuteSqlAsync(
                sql.InsertIfAbsent(accountId, key, request.Fingerprint, request.Response, now, now + _options.Retention), cancellationToken);
            if (inserted == 1)
            {
                return null;
            }

            // Taken: by a request still within the retention (its answer stands), or by one past it that the purge has
            // not deleted yet (the key is free again, and taken over only if nobody else did first).
            var renewed = await dbContext.IdempotencyRecords
                .Where(record => record.AccountId == accountId && record.Key == key && record.ExpiresAt <= now)
                .ExecuteUpdateAsync(
                    record => record.SetProperty(r => r.Fingerprint, request.Fingerprint)
                        .SetProperty(r => r.Response, request.Response)
                        .SetProperty(r => r.CreatedAt, now)
                        .SetProperty(r => r.ExpiresAt, now + _options.Retention),
                    cancellationToken);
            if (renewed == 1)
            {
                return null;
            }

            if (await FindAsync(accountId, key, cancellationToken) is { } first)
            {
                return first;
            }

            // Purged in the meantime: try again.
        }
    }

    /// <summary>Deletes expired keys, a batch at a time.</summary>
    public Task<int> PurgeExpiredAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = UtcNow();
        return BatchedDelete.DeleteAllAsync(
            dbContext.IdempotencyRecords.Where(r => r.ExpiresAt < now).OrderBy(r => r.ExpiresAt), batchSize, cancellationToken);
    }

    // The request completed under the account's key, unless the key is unknown or past its retention.
    private async Task<IdempotentRequest?> FindAsync(Guid accountId, string key, CancellationToken cancellationToken)
    {
        var now = UtcNow();
        return await dbContext.IdempotencyRecords.AsNoTracking()
            .Where(record => record.AccountId == accountId && record.Key == key && record.ExpiresAt > now)
            .Select(record => new IdempotentRequest(record.Fingerprint, record.Response))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private DateTime UtcNow() => timeProvider.GetUtcNow().UtcDateTime;
}
