using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Monitoring;

internal sealed class DatabaseHealthCheck(OrdersDbContext dbContext) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await dbContext.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
