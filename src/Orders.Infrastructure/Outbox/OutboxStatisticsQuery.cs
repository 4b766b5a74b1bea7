using Microsoft.EntityFrameworkCore;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Outbox;

/// <summary>How the outbox is doing, for the health check and the operations report.</summary>
internal sealed class OutboxStatisticsQuery(OrdersDbContext dbContext, TimeProvider timeProvider)
{
    public async Task<OutboxStatistics> GetAsync(CancellationToken cancellationToken)
    {
        var unfinished = dbContext.OutboxMessages.AsNoTracking().Where(message => message.ProcessedAt == null && message.DeadLetteredAt == null);
        var pending = await unfinished.CountAsync(cancellationToken);
        var claimed = await unfinished.CountAsync(message => message.LockToken != null, cancellationToken);
        var oldest = await unfinished.OrderBy(message => message.OccurredAt).Select(message => (DateTime?)message.OccurredAt).FirstOrDefaultAsync(cancellationToken);
        var deadLetters = await dbContext.OutboxMessages.CountAsync(message => message.DeadLetteredAt != null, cancellationToken);
        return new OutboxStatistics(pending, claimed, oldest is null ? null : timeProvider.GetUtcNow().UtcDateTime - oldest.Value, deadLetters);
    }
}
