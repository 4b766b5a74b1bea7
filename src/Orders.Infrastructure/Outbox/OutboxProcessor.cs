using System.Data.Common;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Exchange;
using Orders.Domain.Orders;
using Orders.Infrastructure.Resilience;

namespace Orders.Infrastructure.Outbox;

/// <summary>
/// Dispatches due outbox rows to the exchange: claims as many as it has free slots, calls the exchange
/// with no transaction open, and records the outcomes guarded by the claims. Outcomes that arrive while a
/// batch is being written wait for the next one, so one short transaction records many. Runs until nothing
/// is due and nothing is in flight, or until asked to stop; then it stops claiming and lets the calls in
/// flight finish and be recorded.
/// </summary>
internal sealed class OutboxProcessor(
    IServiceScopeFactory scopeFactory,
    IStockExchange exchange,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxProcessor> logger)
{
    // A run hands back to the scheduler now and then, so that its history and health check see it succeed.
    private static readonly TimeSpan MaxRunDuration = TimeSpan.FromSeconds(30);

    private readonly OutboxOptions _options = options.Value;

    /// <summary>Returns how many rows this run claimed.</summary>
    public async Task<int> RunAsync(CancellationToken stoppingToken)
    {
        var outcomes = Channel.CreateUnbounded<PendingOutcome>(new UnboundedChannelOptions { SingleReader = true });
        var recording = RecordOutcomesAsync(outcomes.Reader);
        var slots = new Slots(_options.MaxConcurrency);
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
                    // Every slot is busy: only a finished call makes room, however many orders arrive.
                    await Task.WhenAny(slots.WaitAsync(), stopping);
                    continue;
                }

                var wanted = Math.Min(free, _options.BatchSize);
                var claimed = await ClaimAsync(wanted, stoppingToken);
                claimedTotal += claimed.Count;
                slots.Take(claimed.Count);
                foreach (var message in claimed)
                {
                    _ = Task.Run(() => DispatchAsync(message, outcomes.Writer, slots), CancellationToken.None);
                }

                if (claimed.Count == wanted)
                {
                    continue; // more may be due
                }

                if (claimed.Count == 0 && slots.Free == _options.MaxConcurrency)
                {
                    break;
                }

                // Nothing more is due: wait for a new order, or the poll interval (rows whose backoff has run out).
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
            outcomes.Writer.Complete();
            await recording;
            signal.DispatcherStopped();
        }

        return claimedTotal;
    }

    private async Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxStore>().ClaimAsync(limit, _options.LeaseDuration, cancellationToken);
    }

    private async Task DispatchAsync(ClaimedOutboxMessage message, ChannelWriter<PendingOutcome> outcomes, Slots slots)
    {
        try
        {
            var pending = new PendingOutcome(await DispatchToExchangeAsync(message));
            await outcomes.WriteAsync(pending);
            if (!await pending.Recorded.Task)
            {
                logger.LogWarning("Outbox message {MessageId}: the claim was lost to another dispatcher; this outcome was not recorded", message.Id);
            }
        }
        catch (Exception exception)
        {
            // Recording failed (e.g. the database is down): the lease runs out and the row is retried.
            logger.LogError(exception, "Outbox message {MessageId} could not be recorded; it is retried when its lease expires", message.Id);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<DispatchOutcome> DispatchToExchangeAsync(ClaimedOutboxMessage message)
    {
        if (!TryRead(message, out var accepted, out var problem))
        {
            logger.LogError("Outbox message {MessageId} dead-lettered: {Problem}", message.Id, problem);
            return new DispatchOutcome.DeadLettered(message, problem, null);
        }

        try
        {
            // Not cancelled by shutdown: a call in flight is finished and recorded rather than abandoned.
            var exchangeOrderId = await exchange.PlaceOrderAsync(ExchangeOrder.From(accepted), CancellationToken.None);
            return new DispatchOutcome.Placed(message, accepted.OrderId, exchangeOrderId);
        }
        catch (ExchangeRejectedException rejected)
        {
            logger.LogError("Order {OrderId} rejected by the exchange: {Reason}", accepted.OrderId, rejected.Message);
            return new DispatchOutcome.DeadLettered(message, $"Rejected by the exchange: {rejected.Message}", accepted.OrderId);
        }
        catch (ExchangeNotCalledException notCalled)
        {
            // Not logged: the destination tells of its outage itself, and a line per held-back message would bury that.
            return new DispatchOutcome.NotAttempted(message, notCalled.RetryAfter);
        }
        catch (Exception failure)
        {
            if (timeProvider.GetUtcNow().UtcDateTime - message.OccurredAt >= _options.GiveUpAfter)
            {
                logger.LogError(failure, "Order {OrderId} failed: not placed within {GiveUpAfter} ({Attempts} attempts)", accepted.OrderId, _options.GiveUpAfter, message.Attempts);
                return new DispatchOutcome.DeadLettered(
                    message, $"Not placed within {_options.GiveUpAfter} ({message.Attempts} attempts): {failure.Message}", accepted.OrderId);
            }

            // Routine (the exchange fails about one call in ten) and handled here: no warning. The row keeps the error.
            var delay = Backoff.Delay(message.Attempts, _options.BaseBackoff, _options.MaxBackoff, Random.Shared.NextDouble());
            logger.LogDebug(
                "Placing order {OrderId} failed (attempt {Attempt}): {Error}; next attempt in {Delay}", accepted.OrderId, message.Attempts, failure.Message, delay);
            return new DispatchOutcome.Retry(message, failure.Message, delay);
        }
    }

    private async Task RecordOutcomesAsync(ChannelReader<PendingOutcome> outcomes)
    {
        var batch = new List<PendingOutcome>(_options.BatchSize);
        while (await outcomes.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < _options.BatchSize && outcomes.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (await TryRecordAsync(batch) is { } failure && batch.Count > 1 && !IsUnavailable(failure))
            {
                // The database refused one of them: record them one at a time, so that the rest still go through.
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
            var recorded = await scope.ServiceProvider.GetRequiredService<OutboxStore>().RecordAsync(batch.Select(pending => pending.Outcome).ToList());
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

    private static bool TryRead(ClaimedOutboxMessage message, out OrderAcceptedDomainEvent accepted, out string problem)
    {
        accepted = null!;
        if (message.Type != OutboxEventTypes.OrderAccepted)
        {
            problem = $"Unknown message type '{message.Type}'";
            return false;
        }

        try
        {
            accepted = JsonSerializer.Deserialize<OrderAcceptedDomainEvent>(message.Payload, OutboxEventTypes.SerializerOptions)!;
            problem = accepted is null ? "Empty payload" : "";
            return accepted is not null;
        }
        catch (JsonException exception)
        {
            problem = $"Unreadable payload: {exception.Message}";
            return false;
        }
    }

    /// <summary>
    /// The calls in flight, counted down by each call as it ends (its outcome recorded or given up), rather
    /// than read off finished tasks: a task that has signalled may not yet show as completed, and the run
    /// would wait for a wake-up already spent.
    /// </summary>
    private sealed class Slots(int capacity)
    {
        private readonly WakeUp _freed = new();
        private int _busy;

        public int Free => capacity - Volatile.Read(ref _busy);

        public void Take(int count) => Interlocked.Add(ref _busy, count);

        public void Release()
        {
            Interlocked.Decrement(ref _busy);
            _freed.Notify();
        }

        /// <summary>Called before <see cref="Free"/> is read: a release after this point is not missed.</summary>
        public void Reset() => _freed.Reset();

        public Task WaitAsync() => _freed.WaitAsync();

        /// <summary>Completes when every call has ended.</summary>
        public async Task WaitAllFreeAsync()
        {
            while (true)
            {
                Reset();
                if (Free == capacity)
                {
                    return;
                }

                await WaitAsync();
            }
        }
    }

    /// <summary>An outcome waiting for its batch; completes with whether its claim was still held.</summary>
    private sealed record PendingOutcome(DispatchOutcome Outcome)
    {
        public TaskCompletionSource<bool> Recorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
