using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Executions.ApplyExecutionReport;

/// <summary>Applies one of the exchange's reports to the order it names by its client order id, the order's own id.</summary>
public sealed record ApplyExecutionReportCommand(ExecutionReport Report) : ICommand<ApplyExecutionReportResponse>;
