using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>
/// Records the outcomes of a run as they arrive: those that arrive while a batch is being written wait for the
/// next one, so one short transaction records many. When the database refuses the batch for one of them, they
/// are recorded one at a time, so that the rest still go through.
/// </summary>
internal sealed class OutcomeRecorder(IServiceScopeFactory scopeFactory, int batchSize, ILogger<OutcomeRecorder> logger)
{
    private readonly Channel<PendingOutcome> _outcomes = Channel.CreateUnbounded<PendingOutcome>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelWriter<PendingOutcome> Writer => _outcomes.Writer;

    /// <summary>Runs until <see cref="Writer"/> is completed and every outcome written to it has been dealt with.</summary>
    public async Task RunAsync()
    {
        var batch = new List<PendingOutcome>(batchSize);
        while (await _outcomes.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < batchSize && _outcomes.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (await TryRecordAsync(batch) is { } failure && batch.Count > 1 && !IsUnavailable(failure))
            {
                foreach (var pending in batch)
                {
                    if (await TryRecordAsync([pending]) is { } single && IsUnavailable(single))
                    {
                        break;
                    }
                }
            }

            // What is still unrecorded keeps its claim; the lease brings it back.
            batch.ForEach(pending => pending.Recorded.TrySetException(new InvalidOperationException("The outcome could not be recorded.")));
            batch.Clear();
        }
    }

    /// <summary>Records a batch in one transaction; returns the failure, if any.</summary>
    private async Task<Exception?> TryRecordAsync(IReadOnlyList<PendingOutcome> batch)
    {
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var recorded = await scope.ServiceProvider.GetRequiredService<OutcomeWriter>().RecordAsync(batch.Select(pending => pending.Outcome).ToList());
            foreach (var pending in batch)
            {
                pending.Recorded.TrySetResult(recorded.Contains(pending.Outcome.Message.Id));
            }

            return null;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Recording {Count} outbox outcomes failed", batch.Count);
            return exception;
        }
    }

    // Lost connections, timeouts, lock waits: the database, not one outcome, is the problem.
    private static bool IsUnavailable(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true } or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
