using System.Diagnostics.Metrics;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Telemetry;

namespace Orders.Infrastructure.Exchange;

/// <summary>
/// Times every call to the exchange, whichever adapter makes it, as OpenTelemetry's messaging semantic conventions name
/// a client's operation: <c>messaging.client.operation.duration</c> by operation, with <c>error.type</c> when it failed.
/// A call the adapter held back (its circuit open) reached no exchange and is not timed.
/// </summary>
internal sealed class MeasuredStockExchange : IStockExchange
{
    // The semantic conventions' advice for a client's operations, 5 ms to 10 s: a call takes about 500 ms, and Exchange:Timeout is 5 s.
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private static readonly KeyValuePair<string, object?> ExchangeSystem = new("messaging.system", "exchange");

    private readonly IStockExchange _exchange;
    private readonly TimeProvider _timeProvider;
    private readonly Histogram<double> _duration;

    public MeasuredStockExchange(IStockExchange exchange, IMeterFactory meterFactory, TimeProvider timeProvider)
    {
        _exchange = exchange;
        _timeProvider = timeProvider;
        _duration = meterFactory.Create(OrdersTelemetry.Name).CreateHistogram(
            "messaging.client.operation.duration",
            "s",
            "Calls to the exchange",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    public Task<string> PlaceOrderAsync(ExchangeOrder order, CancellationToken cancellationToken) =>
        MeasureAsync("place", () => _exchange.PlaceOrderAsync(order, cancellationToken));

    public Task CancelOrderAsync(Guid clientOrderId, CancellationToken cancellationToken) =>
        MeasureAsync("cancel", async () =>
        {
            await _exchange.CancelOrderAsync(clientOrderId, cancellationToken);
            return true;
        });

    public Task<ExchangeOrderStatus> GetOrderStatusAsync(Guid clientOrderId, CancellationToken cancellationToken) =>
        MeasureAsync("status", () => _exchange.GetOrderStatusAsync(clientOrderId, cancellationToken));

    public Task<ExecutionsPage> GetExecutionsAsync(string? sessionId, long afterSequence, int limit, CancellationToken cancellationToken) =>
        MeasureAsync("executions", () => _exchange.GetExecutionsAsync(sessionId, afterSequence, limit, cancellationToken));

    private async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> call)
    {
        var started = _timeProvider.GetTimestamp();
        try
        {
            var result = await call();
            _duration.Record(Seconds(started), ExchangeSystem, new KeyValuePair<string, object?>("messaging.operation.name", operation));
            return result;
        }
        catch (Exception failure) when (failure is not ExchangeNotCalledException)
        {
            _duration.Record(
                Seconds(started),
                ExchangeSystem,
                new KeyValuePair<string, object?>("messaging.operation.name", operation),
                new KeyValuePair<string, object?>("error.type", failure.GetType().FullName));
            throw;
        }
    }

    private double Seconds(long started) => _timeProvider.GetElapsedTime(started).TotalSeconds;
}
