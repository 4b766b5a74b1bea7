using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Accounts;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Accounts;

/// <summary>
/// An account's status and limits for an order, current as <see cref="CredentialsCache"/> guarantees: a suspension or a
/// new limit applies to the very next order. The caller's account comes with its key (<see cref="CallerAccountTerms"/>);
/// any other account, or an anonymous caller's, from the cache or by primary key.
/// </summary>
internal sealed class AccountTradingTerms(OrdersDbContext dbContext, CallerAccountTerms caller, CredentialsCache cache, IOptions<RiskOptions> defaults)
    : ITradingTerms
{
    public async Task<TradingTerms?> FindAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = caller.Read is { } read && read.AccountId == accountId ? read : cache.FindAccount(accountId)?.Value ?? await ReadAsync(accountId, cancellationToken);
        return account is null
            ? null
            : new TradingTerms(account.Status == AccountStatus.Suspended, account.MaxQuantity ?? defaults.Value.MaxQuantity, account.MaxNotional ?? defaults.Value.MaxNotional);
    }

    private async Task<StoredAccountTerms?> ReadAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var epoch = cache.Epoch;
        var account = await dbContext.Accounts.AsNoTracking()
            .Where(account => account.Id == accountId)
            .Select(account => new StoredAccountTerms(account.Id, account.Status, account.MaxQuantity, account.MaxNotional))
            .SingleOrDefaultAsync(cancellationToken);
        if (account is not null)
        {
            cache.Keep(account, epoch);
        }

        return account;
    }
}
