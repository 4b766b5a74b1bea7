using Microsoft.Extensions.Options;
using Quartz;

namespace Orders.Infrastructure.Outbox;

/// <summary>Keeps the outbox table small: processed rows are deleted once past their retention.</summary>
[DisallowConcurrentExecution]
internal sealed class PurgeProcessedOutboxJob(OutboxStore store, IOptions<OutboxOptions> options) : IJob
{
    public static readonly JobKey Key = new("purge-processed-outbox", "outbox");

    private const int BatchSize = 1000;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        context.Result = await store.PurgeProcessedAsync(options.Value.Retention, BatchSize, cancellationToken);
    }
}
