using Microsoft.EntityFrameworkCore;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Idempotency;

/// <summary>The idempotency keys' table in the service's database, which itself knows nothing of them.</summary>
internal static class IdempotencyTable
{
    extension(OrdersDbContext dbContext)
    {
        public DbSet<IdempotencyRecord> IdempotencyRecords => dbContext.Set<IdempotencyRecord>();
    }
}
