using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Exchange;
using Orders.Infrastructure.Exchange.Market;

namespace Orders.Infrastructure.Exchange;

/// <summary>
/// An in-process exchange with the real one's manners: slow, sometimes unreachable, idempotent on the
/// client order id. Its orders live in a <see cref="SimulatedMarket"/>. It counts what it receives so that
/// exactly-once placement can be seen.
/// </summary>
internal sealed class SimulatedStockExchange : IStockExchange, IDisposable
{
    private readonly ConcurrentDictionary<Guid, Placement> _placements = new();
    private readonly SimulatedMarket _market;
    private readonly IDisposable? _settingsReloaded;
    private long _failedCalls;

    public SimulatedStockExchange(IOptionsMonitor<ExchangeOptions> options, SimulatedMarket market)
    {
        _market = market;
        Apply(options.CurrentValue);

        // A reloaded configuration (e.g. an edited appsettings file) changes the exchange's mood without a
        // restart, so one warmed-up instance can be watched under each failure rate.
        _settingsReloaded = options.OnChange(Apply);
    }

    /// <summary>How long each call takes; adjustable while running, like a real exchange's mood.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The probability that a call fails; adjustable while running.</summary>
    public double FailureRate { get; set; }

    /// <summary>The orders the exchange holds, by client order id.</summary>
    public IReadOnlyDictionary<Guid, Placement> Placements => _placements;

    /// <summary>Calls that failed with "connection not available".</summary>
    public long FailedCalls => Interlocked.Read(ref _failedCalls);

    public async Task<string> PlaceOrderAsync(ExchangeOrder order, CancellationToken cancellationToken)
    {
        await CallAsync(cancellationToken);
        var (exchangeOrderId, _) = _market.Place(order);
        var placement = _placements.AddOrUpdate(
            order.ClientOrderId,
            _ => new Placement(exchangeOrderId, 1),
            (_, existing) => existing with { Requests = existing.Requests + 1 });
        return placement.ExchangeOrderId;
    }

    public async Task CancelOrderAsync(Guid clientOrderId, CancellationToken cancellationToken)
    {
        await CallAsync(cancellationToken);
        _market.Cancel(clientOrderId);
    }

    public async Task<ExchangeOrderStatus> GetOrderStatusAsync(Guid clientOrderId, CancellationToken cancellationToken)
    {
        await CallAsync(cancellationToken);
        return _market.Status(clientOrderId);
    }

    public async Task<ExecutionsPage> GetExecutionsAsync(string? sessionId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await CallAsync(cancellationToken);
        return _market.Executions(sessionId, afterSequence, limit);
    }

    public void Dispose() => _settingsReloaded?.Dispose();

    // Every call takes the latency and may fail before it reaches the market.
    private async Task CallAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Latency, cancellationToken);
        if (Random.Shared.NextDouble() < FailureRate)
        {
            Interlocked.Increment(ref _failedCalls);
            throw new ExchangeUnavailableException("connection not available");
        }
    }

    private void Apply(ExchangeOptions options)
    {
        Latency = options.Latency;
        FailureRate = options.FailureRate;
    }

    /// <summary>One order at the exchange, and how many successful requests named its client order id.</summary>
    public sealed record Placement(string ExchangeOrderId, int Requests);
}
