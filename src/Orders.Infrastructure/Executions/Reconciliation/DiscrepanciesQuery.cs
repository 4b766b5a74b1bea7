using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Operations;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Executions.Reconciliation;

/// <summary>The parked differences an operator looks at: how many, and the newest few with their reasons.</summary>
internal sealed class DiscrepanciesQuery(OrdersDbContext dbContext)
{
    private const int NewestShown = 10;

    public async Task<DiscrepanciesReport> GetAsync(CancellationToken cancellationToken)
    {
        var discrepancies = dbContext.OrderDiscrepancies.AsNoTracking();
        var count = await discrepancies.CountAsync(cancellationToken);
        var newest = await discrepancies.OrderByDescending(discrepancy => discrepancy.FoundAt).Take(NewestShown).ToListAsync(cancellationToken);
        return new DiscrepanciesReport(
            count,
            [.. newest.Select(discrepancy => new Discrepancy(
                discrepancy.OrderId, discrepancy.Reason, new DateTimeOffset(discrepancy.FoundAt), new DateTimeOffset(discrepancy.CheckedAt)))]);
    }
}
