using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Accounts;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Accounts;

/// <summary>
/// A key found by its secret's hash, with its account's terms for the request's order (<see cref="CallerAccountTerms"/>):
/// from <see cref="CredentialsCache"/> while it is provably current, else by one indexed SELECT, so a revoked key is
/// refused by the very next request either way. Keys not found are never kept: a stranger's guesses cost a read each.
/// The last-used time is written only when the stored one is a minute old or more, so a key in steady use costs a
/// write a minute, not one per request.
/// </summary>
internal sealed class ApiKeyDirectory(OrdersDbContext dbContext, CallerAccountTerms caller, CredentialsCache cache, SqliteWriteGate writeGate, TimeProvider timeProvider)
    : IApiKeyDirectory
{
    public async Task<KnownApiKey?> FindAsync(ApiKeySecret secret, CancellationToken cancellationToken)
    {
        var hash = secret.Hash;
        var kept = cache.FindKey(hash);
        var key = kept?.Value;
        if (kept is null)
        {
            var epoch = cache.Epoch;
            key = await Stored(dbContext.ApiKeys.Where(key => key.SecretHash == hash)).SingleOrDefaultAsync(cancellationToken);
            if (key is not null)
            {
                cache.Keep(hash, key, epoch);
            }
        }

        // The index found the row; the comparison that decides is still the constant-time one.
        if (key is null || !secret.Matches(key.SecretHash))
        {
            return null;
        }

        var usedAt = await UsedAsync(key, cancellationToken);
        if (kept is not null && usedAt is not null)
        {
            cache.Update(hash, kept with { Value = key with { LastUsedAt = usedAt } });
        }

        return Known(key);
    }

    public async Task<KnownApiKey?> FindByIdAsync(string keyId, CancellationToken cancellationToken)
    {
        var key = await Stored(dbContext.ApiKeys.Where(key => key.Id == keyId)).SingleOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            return null;
        }

        await UsedAsync(key, cancellationToken);
        return Known(key);
    }

    private IQueryable<StoredKey> Stored(IQueryable<ApiKey> keys) =>
        keys.AsNoTracking().Join(
            dbContext.Accounts,
            key => key.AccountId,
            account => account.Id,
            (key, account) => new StoredKey(
                key.Id, key.Role, key.SecretHash, key.RevokedAt, key.LastUsedAt, new StoredAccountTerms(account.Id, account.Status, account.MaxQuantity, account.MaxNotional)));

    /// <summary>Records the use; returns the last-used time when it wrote one.</summary>
    private async Task<DateTime?> UsedAsync(StoredKey key, CancellationToken cancellationToken)
    {
        caller.Read = key.Account;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var stale = now - ApiKey.LastUsedPrecision;
        if (key.RevokedAt is not null || (key.LastUsedAt is not null && key.LastUsedAt > stale))
        {
            return null;
        }

        using var entered = await writeGate.EnterAsync(cancellationToken);

        // Conditional: of the requests that all found the time stale, one writes it.
        await dbContext.ApiKeys
            .Where(row => row.Id == key.Id && (row.LastUsedAt == null || row.LastUsedAt <= stale))
            .ExecuteUpdateAsync(row => row.SetProperty(r => r.LastUsedAt, now), cancellationToken);
        return now;
    }

    private static KnownApiKey Known(StoredKey key) => new(key.Id, key.Account.AccountId, key.Role, key.RevokedAt is not null);
}
