using System.Text.Json;
using MediatR;
using Microsoft.Extensions.Logging;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Executions.ReceiveExecutionReport;
using Orders.Infrastructure.Exchange;

namespace Orders.Infrastructure.Executions;

/// <summary>
/// The way in for the reports the service is handed or fetches rather than pushed: in the exchange's wire text, through
/// the webhook's command, so each is stored in the inbox before anything applies it. A report the command refuses is
/// logged and left; a failure to store it is the caller's to retry.
/// </summary>
internal sealed class ExchangeReportIntake(ILogger<ExchangeReportIntake> logger)
{
    /// <summary>Returns whether the report was stored now (false: held before, or refused).</summary>
    public async Task<bool> ReceiveAsync(IMediator mediator, ExecutionReport report, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(ExecutionReportWire.From(report), ExchangeJson.Options);
        var result = await mediator.Send(new ReceiveExecutionReportCommand(report, payload), cancellationToken);
        if (!result.IsSuccess)
        {
            logger.LogError(
                "Execution report {ExecutionId} from the exchange refused: {Errors}",
                report.ExecutionId,
                string.Join("; ", result.ValidationErrors.Select(error => $"{error.Identifier}: {error.ErrorMessage}")));
            return false;
        }

        return !result.Value.Duplicate;
    }
}
