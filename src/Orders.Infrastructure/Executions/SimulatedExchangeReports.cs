using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orders.Application.Abstractions.Exchange;
using Orders.Infrastructure.Exchange.Market;
using Orders.Infrastructure.Resilience;

namespace Orders.Infrastructure.Executions;

/// <summary>
/// The in-process exchange's reports take the webhook's way in (<see cref="ExchangeReportIntake"/>). A report that cannot
/// be stored now (the database is away) is tried again, waiting longer each time.
/// </summary>
internal sealed class SimulatedExchangeReports(
    SimulatedMarket market,
    IServiceScopeFactory scopes,
    ExchangeReportIntake intake,
    TimeProvider timeProvider,
    ILogger<SimulatedExchangeReports> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var report in market.Reports.ReadAllAsync(stoppingToken))
        {
            for (var failures = 1; !await TryReceiveAsync(report, stoppingToken); failures++)
            {
                await Task.Delay(Backoff.Delay(failures, RetryDelay, MaxRetryDelay, Random.Shared.NextDouble()), timeProvider, stoppingToken);
            }
        }
    }

    // False when worth trying again.
    private async Task<bool> TryReceiveAsync(ExecutionReport report, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await intake.ReceiveAsync(scope.ServiceProvider.GetRequiredService<IMediator>(), report, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Storing execution report {ExecutionId} failed; trying again", report.ExecutionId);
            return false;
        }
    }
}
