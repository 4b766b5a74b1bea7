using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Exchange;
using Orders.Infrastructure.Exchange.Market;

namespace Orders.ExchangeSimulator;

/// <summary>
/// Pushes the market's reports to the webhook one after the other, each until it is taken, bent as the test knobs
/// say: some pushed twice (DuplicateRate), some held back until the next has gone (ReorderRate), some never pushed
/// (DropRate; GET /executions still serves them). Without a webhook URL, reports are only kept for GET /executions.
/// </summary>
internal sealed class ReportPusher(
    SimulatedMarket market, WebhookDelivery delivery, CallLog log, IOptionsMonitor<ExchangeSimulatorOptions> options, TimeProvider timeProvider)
    : BackgroundService
{
    // A report held back waits at most this long for a later one to overtake it.
    private static readonly TimeSpan HoldAtMost = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ExecutionReport? held = null;
        while (true)
        {
            var next = await NextAsync(held is null ? Timeout.InfiniteTimeSpan : HoldAtMost, stoppingToken);
            var knobs = options.CurrentValue;
            var dropped = next is not null && knobs.WebhookUrl is not null && Happens(knobs.DropRate);
            if (dropped)
            {
                log.RecordDroppedReport();
            }

            var pushed = next is not null && knobs.WebhookUrl is not null && !dropped;
            if (pushed && held is null && Happens(knobs.ReorderRate))
            {
                held = next;
                log.RecordHeldBackReport();
                continue;
            }

            if (pushed)
            {
                await PushAsync(next!, knobs, stoppingToken);
            }

            if (held is not null)
            {
                await PushAsync(held, knobs, stoppingToken);
                held = null;
            }
        }
    }

    // The next report, or null when none came within the wait.
    private async Task<ExecutionReport?> NextAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(wait, timeProvider);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            return await market.Reports.ReadAsync(waiting.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task PushAsync(ExecutionReport report, ExchangeSimulatorOptions knobs, CancellationToken stoppingToken)
    {
        await delivery.DeliverAsync(report, stoppingToken);
        log.RecordPushedReport();
        if (Happens(knobs.DuplicateRate))
        {
            await delivery.DeliverAsync(report, stoppingToken);
            log.RecordDuplicatedReport();
        }
    }

    private static bool Happens(double rate) => Random.Shared.NextDouble() < rate;
}
