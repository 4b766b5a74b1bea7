using Microsoft.Extensions.Options;
using Orders.Infrastructure.Persistence;
using Quartz;

namespace Orders.Infrastructure.Outbox;

/// <summary>Keeps the outbox table small: processed rows are deleted once past their retention.</summary>
[DisallowConcurrentExecution]
internal sealed class PurgeProcessedOutboxJob(OrdersDbContext dbContext, IOptions<OutboxOptions> options, TimeProvider timeProvider)
    : RetentionPurgeJob<OutboxMessage>(timeProvider)
{
    public static readonly JobKey Key = new("purge-processed-outbox", "outbox");

    protected override TimeSpan Retention => options.Value.Retention;

    protected override IOrderedQueryable<OutboxMessage> OlderThan(DateTime cutoff) =>
        dbContext.OutboxMessages.Where(message => message.ProcessedAt != null && message.ProcessedAt < cutoff).OrderBy(message => message.ProcessedAt);
}
