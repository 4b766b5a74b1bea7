using Microsoft.EntityFrameworkCore;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Executions;

/// <summary>The inbox's tables in the service's database, which itself knows nothing of them.</summary>
internal static class ExecutionReportsTable
{
    extension(OrdersDbContext dbContext)
    {
        public DbSet<ReceivedExecutionReport> ExecutionReports => dbContext.Set<ReceivedExecutionReport>();

        public DbSet<ExchangeSession> ExchangeSessions => dbContext.Set<ExchangeSession>();
    }
}
