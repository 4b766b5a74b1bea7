using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orders.Application.Telemetry;

namespace Orders.Infrastructure.Outbox;

/// <summary>
/// The outbox's backlog as gauges: pending messages, the oldest one's age, dead letters. Read from the outbox
/// statistics when a reader collects them, at most once every few seconds however many scrapes come, so a scrape
/// storm cannot load the database. A hosted service only so that the gauges exist from the start.
/// </summary>
internal sealed class OutboxGauges : IHostedService
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OutboxGauges> _logger;
    private readonly Lock _lock = new();
    private OutboxStatistics? _statistics;
    private long? _readAt;

    public OutboxGauges(IServiceScopeFactory scopes, IMeterFactory meterFactory, TimeProvider timeProvider, ILogger<OutboxGauges> logger)
    {
        _scopes = scopes;
        _timeProvider = timeProvider;
        _logger = logger;
        var meter = meterFactory.Create(OrdersTelemetry.Name);
        meter.CreateObservableGauge<long>(
            "orders.outbox.pending", () => Observe(statistics => (long)statistics.Pending), "{message}", "Outbox messages neither processed nor dead-lettered");
        meter.CreateObservableGauge<double>(
            "orders.outbox.oldest_pending.age",
            () => Observe(statistics => statistics.OldestPendingAge?.TotalSeconds ?? 0),
            "s",
            "How long the oldest pending outbox message has waited");
        meter.CreateObservableGauge<long>(
            "orders.outbox.dead_letters", () => Observe(statistics => (long)statistics.DeadLetters), "{message}", "Outbox messages given up on");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Nothing when the statistics cannot be read: a gauge that stops reporting is seen, a stale value would not be.
    private IEnumerable<Measurement<T>> Observe<T>(Func<OutboxStatistics, T> value)
        where T : struct =>
        Current() is { } statistics ? [new Measurement<T>(value(statistics))] : [];

    private OutboxStatistics? Current()
    {
        lock (_lock)
        {
            if (_readAt is not { } readAt || _timeProvider.GetElapsedTime(readAt) >= MaxAge)
            {
                _statistics = Read();
                _readAt = _timeProvider.GetTimestamp();
            }

            return _statistics;
        }
    }

    // Collection is synchronous (an observable instrument's callback), so the query is waited for; once per MaxAge.
    private OutboxStatistics? Read()
    {
        try
        {
            using var scope = _scopes.CreateScope();
            return scope.ServiceProvider.GetRequiredService<OutboxStatisticsQuery>().GetAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "The outbox statistics could not be read for its gauges");
            return null;
        }
    }
}
