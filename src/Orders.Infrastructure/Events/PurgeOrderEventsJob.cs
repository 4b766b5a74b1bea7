using Microsoft.Extensions.Options;
using Orders.Infrastructure.Persistence;
using Quartz;

namespace Orders.Infrastructure.Events;

/// <summary>Keeps the order event log to its retention: a client that reconnects later has missed the events purged.</summary>
[DisallowConcurrentExecution]
internal sealed class PurgeOrderEventsJob(OrdersDbContext dbContext, IOptions<OrderEventsOptions> options, TimeProvider timeProvider)
    : RetentionPurgeJob<OrderEvent>(timeProvider)
{
    public static readonly JobKey Key = new("purge-order-events", "events");

    protected override TimeSpan Retention => options.Value.Retention;

    protected override IOrderedQueryable<OrderEvent> OlderThan(DateTime cutoff) =>
        dbContext.Set<OrderEvent>().Where(orderEvent => orderEvent.OccurredAt < cutoff).OrderBy(orderEvent => orderEvent.Position);
}
