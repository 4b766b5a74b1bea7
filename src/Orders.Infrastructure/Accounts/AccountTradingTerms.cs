using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Accounts;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Accounts;

/// <summary>
/// Read for every order, never cached beyond its request: a suspension or a new limit applies to the very next order.
/// The caller's account comes with its key's read (<see cref="CallerAccountTerms"/>); any other account, or an
/// anonymous caller's, by primary key.
/// </summary>
internal sealed class AccountTradingTerms(OrdersDbContext dbContext, CallerAccountTerms caller, IOptions<RiskOptions> defaults) : ITradingTerms
{
    public async Task<TradingTerms?> FindAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = caller.Read is { } read && read.AccountId == accountId
            ? read
            : await dbContext.Accounts.AsNoTracking()
                .Where(account => account.Id == accountId)
                .Select(account => new StoredAccountTerms(account.Id, account.Status, account.MaxQuantity, account.MaxNotional))
                .SingleOrDefaultAsync(cancellationToken);
        return account is null
            ? null
            : new TradingTerms(account.Status == AccountStatus.Suspended, account.MaxQuantity ?? defaults.Value.MaxQuantity, account.MaxNotional ?? defaults.Value.MaxNotional);
    }
}
