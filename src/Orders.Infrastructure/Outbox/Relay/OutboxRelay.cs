using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>
/// Relays due outbox rows to their handlers: claims as many as it has free slots, delivers each with no
/// transaction open, and has the outcomes recorded guarded by the claims. Runs until nothing is due and nothing
/// is in flight, or until asked to stop; then it stops claiming and lets the deliveries in flight finish and be
/// recorded.
/// </summary>
internal sealed class OutboxRelay(
    IServiceScopeFactory scopeFactory,
    MessageDispatcher dispatcher,
    DeliverySpans spans,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxRelay> logger,
    ILogger<OutcomeRecorder> recorderLogger)
{
    // A run hands back to the scheduler now and then, so that its history and health check see it succeed.
    private static readonly TimeSpan MaxRunDuration = TimeSpan.FromSeconds(30);

    private readonly OutboxOptions _options = options.Value;

    /// <summary>Returns how many rows this run claimed.</summary>
    public async Task<int> RunAsync(CancellationToken stoppingToken)
    {
        var recorder = new OutcomeRecorder(scopeFactory, _options.BatchSize, recorderLogger);
        var recording = recorder.RunAsync();
        var slots = new RelaySlots(_options.MaxConcurrency);
        var stopping = Task.Delay(Timeout.Infinite, stoppingToken);
        var claimedTotal = 0;
        var started = timeProvider.GetTimestamp();
        signal.DispatcherStarted();
        try
        {
            while (!stoppingToken.IsCancellationRequested && timeProvider.GetElapsedTime(started) < MaxRunDuration)
            {
                signal.Reset();
                slots.Reset();
                var free = slots.Free;
                if (free == 0)
                {
                    // Every slot is busy: only a finished delivery makes room, however many rows arrive.
                    await Task.WhenAny(slots.WaitAsync(), stopping);
                    continue;
                }

                var wanted = Math.Min(free, _options.BatchSize);
                var claimed = await ClaimAsync(wanted, stoppingToken);
                claimedTotal += claimed.Count;
                slots.Take(claimed.Count);
                foreach (var message in claimed)
                {
                    _ = Task.Run(() => DeliverAsync(message, recorder.Writer, slots), CancellationToken.None);
                }

                if (claimed.Count == wanted)
                {
                    continue; // more may be due
                }

                if (claimed.Count == 0 && slots.Free == slots.Capacity)
                {
                    break;
                }

                // Nothing more is due: wait for a new row, or the poll interval (rows whose backoff has run out).
                await Task.WhenAny(signal.WaitAsync(), Task.Delay(_options.PollInterval, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: stop claiming; what is in flight is finished below.
        }
        finally
        {
            await slots.WaitAllFreeAsync();
            recorder.Writer.Complete();
            await recording;
            signal.DispatcherStopped();
        }

        return claimedTotal;
    }

    private async Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxClaims>().ClaimAsync(limit, _options.LeaseDuration, cancellationToken);
    }

    private async Task DeliverAsync(ClaimedOutboxMessage message, ChannelWriter<PendingOutcome> outcomes, RelaySlots slots)
    {
        var span = spans.Start(message);
        try
        {
            var pending = new PendingOutcome(await dispatcher.DispatchAsync(message));
            await outcomes.WriteAsync(pending);
            var recorded = await pending.Recorded.Task;
            DeliverySpans.Finish(span, pending.Outcome, recorded);
            if (!recorded)
            {
                logger.LogWarning("Outbox message {MessageId}: the claim was lost to another relay; this outcome was not recorded", message.Id);
            }
        }
        catch (Exception exception)
        {
            // Recording failed (e.g. the database is down): the lease runs out and the row is retried.
            DeliverySpans.Fail(span, exception);
            logger.LogError(exception, "Outbox message {MessageId} could not be recorded; it is retried when its lease expires", message.Id);
        }
        finally
        {
            span?.Dispose(); // ended before the slot is freed, so a finished run has ended its spans
            slots.Release();
        }
    }
}
