using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Audit;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Audit;

internal sealed class AuditLog(OrdersDbContext dbContext) : IAuditLog
{
    public void Add(AuditEntry entry) => dbContext.Set<AuditEntry>().Add(entry);

    public async Task<IReadOnlyList<AuditEntry>> NewestAsync(int limit, CancellationToken cancellationToken) =>
        await dbContext.Set<AuditEntry>().AsNoTracking()
            .OrderByDescending(entry => entry.At)
            .ThenByDescending(entry => entry.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
}
