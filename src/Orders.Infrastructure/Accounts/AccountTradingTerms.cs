using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Accounts;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Accounts;

/// <summary>
/// Read by primary key for every order, not cached: a suspension or a new limit applies to the very next order.
/// </summary>
internal sealed class AccountTradingTerms(OrdersDbContext dbContext, IOptions<RiskOptions> defaults) : ITradingTerms
{
    public async Task<TradingTerms?> FindAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await dbContext.Accounts.AsNoTracking()
            .Where(account => account.Id == accountId)
            .Select(account => new { account.Status, account.MaxQuantity, account.MaxNotional })
            .SingleOrDefaultAsync(cancellationToken);
        return account is null
            ? null
            : new TradingTerms(account.Status == AccountStatus.Suspended, account.MaxQuantity ?? defaults.Value.MaxQuantity, account.MaxNotional ?? defaults.Value.MaxNotional);
    }
}
