using Microsoft.Extensions.Options;
using Orders.Infrastructure.Exchange.Market;

namespace Orders.ExchangeSimulator;

/// <summary>
/// POST /orders/{client_order_id}/cancel: 202, the answer following as an execution report (cancelled, or cancel
/// rejected: too late, unknown order). Slow, sometimes unreachable, sometimes losing its reply like placement.
/// </summary>
internal static class CancelOrderEndpoint
{
    public static async Task<IResult> HandleAsync(
        Guid clientOrderId,
        SimulatedMarket market,
        CallLog log,
        IOptionsMonitor<ExchangeSimulatorOptions> options,
        CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        if (await SimulatedCall.FailedAsync(current, log, cancellationToken) is { } failed)
        {
            return failed;
        }

        market.Cancel(clientOrderId);
        return SimulatedCall.LosesReply(current) ? SimulatedCall.Unavailable() : Results.Accepted();
    }
}
