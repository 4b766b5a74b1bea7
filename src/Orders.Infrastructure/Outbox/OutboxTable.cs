using Microsoft.EntityFrameworkCore;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Outbox;

/// <summary>The outbox's table in the service's database, which itself knows nothing of the outbox.</summary>
internal static class OutboxTable
{
    extension(OrdersDbContext dbContext)
    {
        public DbSet<OutboxMessage> OutboxMessages => dbContext.Set<OutboxMessage>();
    }
}
