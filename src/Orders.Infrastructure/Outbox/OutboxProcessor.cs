using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Exchange;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Outbox;

/// <summary>
/// Dispatches due outbox rows to the exchange: claims as many as it has free slots, calls the exchange
/// with no transaction open, and records each outcome in a short transaction of its own guarded by the
/// claim. Runs until nothing is due and nothing is in flight, or until asked to stop; then it stops
/// claiming and lets the calls in flight finish and be recorded.
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
        var inFlight = new HashSet<Task>();
        var claimedTotal = 0;
        var started = timeProvider.GetTimestamp();
        signal.DispatcherStarted();
        try
        {
            while (!stoppingToken.IsCancellationRequested && timeProvider.GetElapsedTime(started) < MaxRunDuration)
            {
                inFlight.RemoveWhere(task => task.IsCompleted);
                signal.Reset();
                var free = _options.MaxConcurrency - inFlight.Count;
                var claimed = free > 0 ? await ClaimAsync(Math.Min(free, _options.BatchSize), stoppingToken) : [];
                claimedTotal += claimed.Count;
                foreach (var message in claimed)
                {
                    inFlight.Add(Task.Run(() => DispatchAsync(message), CancellationToken.None));
                }

                if (claimed.Count > 0 && claimed.Count == Math.Min(free, _options.BatchSize) && inFlight.Count < _options.MaxConcurrency)
                {
                    continue;
                }

                if (claimed.Count == 0 && inFlight.Count == 0)
                {
                    break;
                }

                // Wait for room, a new order, or the poll interval (rows whose backoff has run out).
                await Task.WhenAny(inFlight.Append(signal.WaitAsync()).Append(Task.Delay(_options.PollInterval, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: stop claiming; what is in flight is finished below.
        }
        finally
        {
            await Task.WhenAll(inFlight);
            signal.DispatcherStopped();
        }

        return claimedTotal;
    }

    private async Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxStore>().ClaimAsync(limit, _options.LeaseDuration, cancellationToken);
    }

    private async Task DispatchAsync(ClaimedOutboxMessage message)
    {
        try
        {
            if (!TryRead(message, out var accepted, out var problem))
            {
                logger.LogError("Outbox message {MessageId} dead-lettered: {Problem}", message.Id, problem);
                await RecordAsync(message, store => store.RecordDeadLetterAsync(message, problem, null));
                return;
            }

            await PlaceAsync(message, accepted);
        }
        catch (Exception exception)
        {
            // Recording failed (e.g. the database is down): the lease runs out and the row is retried.
            logger.LogError(exception, "Outbox message {MessageId} could not be recorded; it is retried when its lease expires", message.Id);
        }
    }

    private async Task PlaceAsync(ClaimedOutboxMessage message, OrderAcceptedDomainEvent accepted)
    {
        string exchangeOrderId;
        try
        {
            // Not cancelled by shutdown: a call in flight is finished and recorded rather than abandoned.
            exchangeOrderId = await exchange.PlaceOrderAsync(ExchangeOrder.From(accepted), CancellationToken.None);
        }
        catch (ExchangeRejectedException rejected)
        {
            logger.LogError("Order {OrderId} rejected by the exchange: {Reason}", accepted.OrderId, rejected.Message);
            await RecordAsync(message, store => store.RecordDeadLetterAsync(message, $"Rejected by the exchange: {rejected.Message}", accepted.OrderId));
            return;
        }
        catch (Exception failure)
        {
            await RecordFailureAsync(message, accepted.OrderId, failure);
            return;
        }

        await RecordAsync(message, store => store.RecordPlacedAsync(message, accepted.OrderId, exchangeOrderId));
    }

    private async Task RecordFailureAsync(ClaimedOutboxMessage message, Guid orderId, Exception failure)
    {
        if (message.Attempts >= _options.MaxAttempts)
        {
            logger.LogError(failure, "Order {OrderId} failed: the exchange could not be reached in {Attempts} attempts", orderId, message.Attempts);
            await RecordAsync(message, store => store.RecordDeadLetterAsync(
                message, $"The exchange could not be reached in {message.Attempts} attempts: {failure.Message}", orderId));
            return;
        }

        var delay = Backoff.Delay(message.Attempts, _options.BaseBackoff, _options.MaxBackoff, Random.Shared.NextDouble());
        logger.LogWarning("Placing order {OrderId} failed (attempt {Attempt}): {Error}; next attempt in {Delay}", orderId, message.Attempts, failure.Message, delay);
        await RecordAsync(message, store => store.RecordRetryAsync(message, failure.Message, delay));
    }

    private async Task RecordAsync(ClaimedOutboxMessage message, Func<OutboxStore, Task<bool>> record)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        if (!await record(scope.ServiceProvider.GetRequiredService<OutboxStore>()))
        {
            logger.LogWarning("Outbox message {MessageId}: the claim was lost to another dispatcher; this outcome was not recorded", message.Id);
        }
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
}
