using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Orders.Infrastructure.Exchange;
using Orders.Infrastructure.Exchange.Market;

namespace Orders.ExchangeSimulator;

/// <summary>
/// GET /executions?session=…&amp;after={sequence}&amp;limit={n}: the session's reports after a sequence, in order, so
/// a receiver can fetch what it missed. No session means the current one; an old one gets the current session's id
/// and no reports.
/// </summary>
internal static class ExecutionsEndpoint
{
    private const int MaxLimit = 1000;

    public static async Task<IResult> HandleAsync(
        [FromQuery(Name = "session")] string? sessionId,
        [FromQuery(Name = "after")] long? afterSequence,
        [FromQuery(Name = "limit")] int? limit,
        SimulatedMarket market,
        CallLog log,
        IOptionsMonitor<ExchangeSimulatorOptions> options,
        CancellationToken cancellationToken)
    {
        if (afterSequence is < 0)
        {
            return SimulatedCall.Error(StatusCodes.Status400BadRequest, "after must not be negative");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return SimulatedCall.Error(StatusCodes.Status400BadRequest, $"limit must be between 1 and {MaxLimit}");
        }

        return await SimulatedCall.FailedAsync(options.CurrentValue, log, cancellationToken)
            ?? SimulatedCall.Json(ExecutionsPageWire.From(market.Executions(sessionId, afterSequence ?? 0, limit ?? 100)));
    }
}
