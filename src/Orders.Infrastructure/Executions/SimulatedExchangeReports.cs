using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Executions.ReceiveExecutionReport;
using Orders.Infrastructure.Exchange;
using Orders.Infrastructure.Exchange.Market;
using Orders.Infrastructure.Resilience;

namespace Orders.Infrastructure.Executions;

/// <summary>
/// The in-process exchange's reports take the webhook's way in: each is received by the same command, in the exchange's
/// wire format, so it is stored in the inbox before anything applies it. A report that cannot be stored now (the
/// database is away) is tried again, waiting longer each time; one the command refuses is logged and left.
/// </summary>
internal sealed class SimulatedExchangeReports(
    SimulatedMarket market, IServiceScopeFactory scopes, TimeProvider timeProvider, ILogger<SimulatedExchangeReports> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var report in market.Reports.ReadAllAsync(stoppingToken))
        {
            var payload = JsonSerializer.Serialize(ExecutionReportWire.From(report), ExchangeJson.Options);
            for (var failures = 1; !await TryReceiveAsync(report, payload, stoppingToken); failures++)
            {
                await Task.Delay(Backoff.Delay(failures, RetryDelay, MaxRetryDelay, Random.Shared.NextDouble()), timeProvider, stoppingToken);
            }
        }
    }

    // False when worth trying again.
    private async Task<bool> TryReceiveAsync(ExecutionReport report, string payload, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReceiveExecutionReportCommand(report, payload), cancellationToken);
            if (!result.IsSuccess)
            {
                logger.LogError(
                    "Execution report {ExecutionId} of the in-process exchange refused: {Errors}",
                    report.ExecutionId,
                    string.Join("; ", result.ValidationErrors.Select(error => $"{error.Identifier}: {error.ErrorMessage}")));
            }

            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Storing execution report {ExecutionId} failed; trying again", report.ExecutionId);
            return false;
        }
    }
}
