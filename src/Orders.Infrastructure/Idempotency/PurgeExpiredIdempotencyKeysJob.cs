using Quartz;

namespace Orders.Infrastructure.Idempotency;

/// <summary>Forgets idempotency keys past their retention.</summary>
[DisallowConcurrentExecution]
internal sealed class PurgeExpiredIdempotencyKeysJob(IdempotencyStore store) : IJob
{
    public static readonly JobKey Key = new("purge-expired-idempotency-keys", "idempotency");

    private const int BatchSize = 1000;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        context.Result = await store.PurgeExpiredAsync(BatchSize, cancellationToken);
    }
}
