using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Accounts;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Accounts;

internal sealed class AccountRepository(OrdersDbContext dbContext) : IAccountRepository
{
    public void Add(Account account) => dbContext.Accounts.Add(account);

    public void Add(ApiKey key) => dbContext.ApiKeys.Add(key);

    public Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        dbContext.Accounts.SingleOrDefaultAsync(account => account.Id == id, cancellationToken);

    public Task<Account?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        dbContext.Accounts.SingleOrDefaultAsync(account => account.Name == name, cancellationToken);

    public Task<ApiKey?> FindKeyAsync(string keyId, CancellationToken cancellationToken) =>
        dbContext.ApiKeys.SingleOrDefaultAsync(key => key.Id == keyId, cancellationToken);
}
