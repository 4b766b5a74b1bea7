using Ardalis.Result;
using MediatR;
using Microsoft.Extensions.Logging;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;

namespace Orders.Application.Executions.ApplyExecutionReport;

internal sealed class ApplyExecutionReportCommandHandler(
    IOrderRepository orders,
    IParkedExecutionReports parked,
    ExecutionReportMetrics metrics,
    TimeProvider timeProvider,
    ILogger<ApplyExecutionReportCommandHandler> logger)
    : IRequestHandler<ApplyExecutionReportCommand, Result<ApplyExecutionReportResponse>>
{
    public async Task<Result<ApplyExecutionReportResponse>> Handle(ApplyExecutionReportCommand command, CancellationToken cancellationToken)
    {
        var report = command.Report;
        if (TypeOf(report.Kind) is not { } type)
        {
            return await ParkAsync(report, $"Unknown kind of report '{report.Kind}'", cancellationToken);
        }

        var order = await orders.FindAsync(report.ClientOrderId, cancellationToken);
        if (order is null)
        {
            return await ParkAsync(report, $"Unknown order '{report.ClientOrderId}'", cancellationToken);
        }

        var givenUp = order.Status == OrderStatus.Failed;
        var execution = new Execution(type, report.ExecutionId, report.ExchangeOrderId, report.LastQuantity, report.LastPrice, UtcOf(report.TransactTime), report.Reason);
        var now = timeProvider.GetUtcNow();
        switch (order.Apply(execution, now))
        {
            case ExecutionOutcome.Rejected rejected:
                return await ParkAsync(report, rejected.Reason, cancellationToken);
            case ExecutionOutcome.Duplicate:
                return ApplyExecutionReportResponse.Duplicate;
        }

        if (givenUp && type == ExecutionType.Fill)
        {
            logger.LogWarning(
                "Order {OrderId} filled at the exchange after its placement was given up: the exchange holds it (execution {ExecutionId})",
                order.Id,
                report.ExecutionId);
        }

        metrics.Applied(now - execution.ExecutedAt);
        return ApplyExecutionReportResponse.Applied;
    }

    // Kept with its reason in the report's own transaction: a report is applied or parked, never dropped.
    private async Task<ApplyExecutionReportResponse> ParkAsync(ExecutionReport report, string reason, CancellationToken cancellationToken)
    {
        await parked.ParkAsync(report.ExecutionId, reason, cancellationToken);
        logger.LogWarning("Execution report {ExecutionId} for order {OrderId} parked: {Reason}", report.ExecutionId, report.ClientOrderId, reason);
        return ApplyExecutionReportResponse.Parked(reason);
    }

    private static ExecutionType? TypeOf(ExecutionKind kind) => kind switch
    {
        ExecutionKind.Fill => ExecutionType.Fill,
        ExecutionKind.Cancelled => ExecutionType.Cancelled,
        ExecutionKind.CancelRejected => ExecutionType.CancelRejected,
        _ => null,
    };

    // The exchange's times are UTC; read from a text with an offset, a time comes as local time.
    private static DateTimeOffset UtcOf(DateTime time) =>
        time.Kind == DateTimeKind.Local ? new DateTimeOffset(time) : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
