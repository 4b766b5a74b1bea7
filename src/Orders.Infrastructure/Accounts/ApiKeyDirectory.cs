using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Accounts;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Accounts;

/// <summary>
/// One indexed SELECT per request, no cache: a revoked key is refused by the very next request. It reads the key's
/// account's terms with it, for the request's order (<see cref="CallerAccountTerms"/>). The last-used time
/// is written only when the stored one is a minute old or more, so a key in steady use costs a write a minute, not
/// one per request.
/// </summary>
internal sealed class ApiKeyDirectory(OrdersDbContext dbContext, CallerAccountTerms caller, SqliteWriteGate writeGate, TimeProvider timeProvider)
    : IApiKeyDirectory
{
    public async Task<KnownApiKey?> FindAsync(ApiKeySecret secret, CancellationToken cancellationToken)
    {
        var hash = secret.Hash;
        var key = await Stored(dbContext.ApiKeys.Where(key => key.SecretHash == hash)).SingleOrDefaultAsync(cancellationToken);

        // The index found the row; the comparison that decides is still the constant-time one.
        return key is null || !secret.Matches(key.SecretHash) ? null : await UsedAsync(key, cancellationToken);
    }

    public async Task<KnownApiKey?> FindByIdAsync(string keyId, CancellationToken cancellationToken)
    {
        var key = await Stored(dbContext.ApiKeys.Where(key => key.Id == keyId)).SingleOrDefaultAsync(cancellationToken);
        return key is null ? null : await UsedAsync(key, cancellationToken);
    }

    private IQueryable<StoredKey> Stored(IQueryable<ApiKey> keys) =>
        keys.AsNoTracking().Join(
            dbContext.Accounts,
            key => key.AccountId,
            account => account.Id,
            (key, account) => new StoredKey(
                key.Id, key.Role, key.SecretHash, key.RevokedAt, key.LastUsedAt, new StoredAccountTerms(account.Id, account.Status, account.MaxQuantity, account.MaxNotional)));

    private async Task<KnownApiKey> UsedAsync(StoredKey key, CancellationToken cancellationToken)
    {
        caller.Read = key.Account;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var stale = now - ApiKey.LastUsedPrecision;
        if (key.RevokedAt is null && (key.LastUsedAt is null || key.LastUsedAt <= stale))
        {
            using var entered = await writeGate.EnterAsync(cancellationToken);

            // Conditional: of the requests that all found the time stale, one writes it.
            await dbContext.ApiKeys
                .Where(row => row.Id == key.Id && (row.LastUsedAt == null || row.LastUsedAt <= stale))
                .ExecuteUpdateAsync(row => row.SetProperty(r => r.LastUsedAt, now), cancellationToken);
        }

        return new KnownApiKey(key.Id, key.Account.AccountId, key.Role, key.RevokedAt is not null);
    }

    private sealed record StoredKey(string Id, ApiKeyRole Role, byte[] SecretHash, DateTime? RevokedAt, DateTime? LastUsedAt, StoredAccountTerms Account);
}
