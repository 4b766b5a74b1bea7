using Quartz;

namespace Orders.Infrastructure.Persistence;

/// <summary>A job that keeps a table to its retention: the rows past it are deleted, a batch at a time, oldest first.</summary>
internal abstract class RetentionPurgeJob<TRow>(TimeProvider timeProvider) : IJob
{
    private const int BatchSize = 1000;

    protected abstract TimeSpan Retention { get; }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        context.Result = await PurgeAsync(Retention, BatchSize, cancellationToken);
    }

    /// <summary>Deletes the rows older than <paramref name="retention"/>, <paramref name="batchSize"/> at a time so no statement runs long.</summary>
    public Task<int> PurgeAsync(TimeSpan retention, int batchSize, CancellationToken cancellationToken) =>
        BatchedDelete.DeleteAllAsync(OlderThan(timeProvider.GetUtcNow().UtcDateTime - retention), batchSize, cancellationToken);

    /// <summary>The rows past <paramref name="cutoff"/> (UTC), oldest first.</summary>
    protected abstract IOrderedQueryable<TRow> OlderThan(DateTime cutoff);
}
