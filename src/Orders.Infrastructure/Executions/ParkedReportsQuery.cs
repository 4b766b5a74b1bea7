using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Operations;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Executions;

/// <summary>The parked reports an operator looks at: how many, and the newest few with their reasons.</summary>
internal sealed class ParkedReportsQuery(OrdersDbContext dbContext)
{
    private const int NewestShown = 10;

    public async Task<ParkedReportsReport> GetAsync(CancellationToken cancellationToken)
    {
        var parked = dbContext.ExecutionReports.AsNoTracking().Where(report => report.ParkedAt != null);
        var count = await parked.CountAsync(cancellationToken);
        var newest = await parked
            .OrderByDescending(report => report.ParkedAt)
            .Take(NewestShown)
            .Select(report => new { report.ExecutionId, report.ClientOrderId, report.ParkedReason, report.ParkedAt })
            .ToListAsync(cancellationToken);
        return new ParkedReportsReport(
            count,
            [.. newest.Select(report => new ParkedReport(report.ExecutionId, report.ClientOrderId, report.ParkedReason!, new DateTimeOffset(report.ParkedAt!.Value)))]);
    }
}
