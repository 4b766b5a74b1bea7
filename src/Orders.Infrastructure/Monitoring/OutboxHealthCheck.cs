using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orders.Infrastructure.Outbox;

namespace Orders.Infrastructure.Monitoring;

/// <summary>Unhealthy when an accepted order has waited longer than <see cref="OutboxOptions.MaxPendingAge"/> to reach the exchange.</summary>
internal sealed class OutboxHealthCheck(OutboxStatisticsQuery query, IOptions<OutboxOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statistics = await query.GetAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["pending"] = statistics.Pending,
            ["oldest_pending_age_seconds"] = statistics.OldestPendingAge?.TotalSeconds ?? 0,
            ["dead_letters"] = statistics.DeadLetters,
        };
        return statistics.OldestPendingAge > options.Value.MaxPendingAge
            ? HealthCheckResult.Unhealthy($"The oldest pending order has waited {statistics.OldestPendingAge:g}.", data: data)
            : HealthCheckResult.Healthy(data: data);
    }
}
