using Microsoft.Extensions.Options;
using Orders.Infrastructure.Exchange;
using Orders.Infrastructure.Exchange.Market;

namespace Orders.ExchangeSimulator;

/// <summary>GET /orders/{client_order_id}: what the market holds for it (unknown, open, filled, cancelled) and its reports.</summary>
internal static class OrderStatusEndpoint
{
    public static async Task<IResult> HandleAsync(
        Guid clientOrderId,
        SimulatedMarket market,
        CallLog log,
        IOptionsMonitor<ExchangeSimulatorOptions> options,
        CancellationToken cancellationToken) =>
        await SimulatedCall.FailedAsync(options.CurrentValue, log, cancellationToken)
            ?? SimulatedCall.Json(OrderStatusWire.From(market.Status(clientOrderId)));
}
