using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Executions.ApplyExecutionReport;

/// <summary>
/// A received report, delivered by the relay after the order's earlier messages (its placement first): it is applied
/// in the transaction that records it as done, so it is applied exactly once. Nothing is called out.
/// </summary>
internal sealed class ExecutionReportMessageHandler : IMessageHandler<ExecutionReport>
{
    public Task<MessageOutcome> HandleAsync(ExecutionReport report, MessageDelivery delivery, CancellationToken cancellationToken) =>
        Task.FromResult(MessageOutcome.Done(new ApplyExecutionReportCommand(report)));
}
