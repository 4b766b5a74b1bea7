using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Persistence;

namespace Orders.Application.Executions.ReceiveExecutionReport;

/// <summary>
/// Keeps the report in the inbox with the relay message that applies it, both in the command's transaction: the
/// sender is answered only once both are stored. Applying it is the relay's business, one order's reports at a time.
/// </summary>
internal sealed class ReceiveExecutionReportCommandHandler(IExecutionReportInbox inbox, ExecutionReportMetrics metrics)
    : IRequestHandler<ReceiveExecutionReportCommand, Result<ReceiveExecutionReportResponse>>
{
    public async Task<Result<ReceiveExecutionReportResponse>> Handle(ReceiveExecutionReportCommand command, CancellationToken cancellationToken)
    {
        var stored = await inbox.TryStoreAsync(command.Report, command.Payload, cancellationToken);
        metrics.Received(duplicate: !stored);
        return stored ? ReceiveExecutionReportResponse.Stored : ReceiveExecutionReportResponse.AlreadyHeld;
    }
}
