using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orders.Infrastructure.Persistence;
using Quartz;

namespace Orders.Infrastructure.Outbox;

/// <summary>Keeps the outbox table small: processed rows are deleted once past their retention.</summary>
[DisallowConcurrentExecution]
internal sealed class PurgeProcessedOutboxJob(OrdersDbContext dbContext, IOptions<OutboxOptions> options, TimeProvider timeProvider) : IJob
{
    public static readonly JobKey Key = new("purge-processed-outbox", "outbox");

    private const int BatchSize = 1000;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        context.Result = await PurgeAsync(options.Value.Retention, BatchSize, cancellationToken);
    }

    /// <summary>Deletes processed rows older than the retention, a batch at a time so no statement runs long.</summary>
    public Task<int> PurgeAsync(TimeSpan retention, int batchSize, CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow().UtcDateTime - retention;
        return BatchedDelete.DeleteAllAsync(
            dbContext.OutboxMessages.Where(message => message.ProcessedAt != null && message.ProcessedAt < cutoff).OrderBy(message => message.ProcessedAt),
            batchSize,
            cancellationToken);
    }
}
