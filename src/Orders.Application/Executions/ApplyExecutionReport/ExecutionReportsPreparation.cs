using Orders.Application.Abstractions.Messaging;
using Orders.Application.Abstractions.Persistence;

namespace Orders.Application.Executions.ApplyExecutionReport;

/// <summary>Loads the orders a batch of reports is applied to, with their executions, in one query.</summary>
internal sealed class ExecutionReportsPreparation(IOrderRepository orders) : IPrepareFollowUps
{
    public Task PrepareAsync(IReadOnlyCollection<ICommand> followUps, CancellationToken cancellationToken)
    {
        var ids = followUps.OfType<ApplyExecutionReportCommand>().Select(apply => apply.Report.ClientOrderId).Distinct().ToList();
        return ids.Count == 0 ? Task.CompletedTask : orders.LoadAsync(ids, cancellationToken);
    }
}
