using Microsoft.EntityFrameworkCore;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Accounts;

/// <summary>The accounts' and their keys' tables in the service's database.</summary>
internal static class AccountsTables
{
    extension(OrdersDbContext dbContext)
    {
        public DbSet<Account> Accounts => dbContext.Set<Account>();

        public DbSet<ApiKey> ApiKeys => dbContext.Set<ApiKey>();
    }
}
