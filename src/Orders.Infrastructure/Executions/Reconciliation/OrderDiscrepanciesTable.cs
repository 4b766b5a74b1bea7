using Microsoft.EntityFrameworkCore;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Executions.Reconciliation;

/// <summary>The reconciliation's table in the service's database, which itself knows nothing of it.</summary>
internal static class OrderDiscrepanciesTable
{
    extension(OrdersDbContext dbContext)
    {
        public DbSet<OrderDiscrepancy> OrderDiscrepancies => dbContext.Set<OrderDiscrepancy>();
    }
}
