using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Executions.ReceiveExecutionReport;

/// <summary>One of the exchange's reports, as read from <paramref name="Payload"/>, the text it came in.</summary>
public sealed record ReceiveExecutionReportCommand(ExecutionReport Report, string Payload) : ICommand<ReceiveExecutionReportResponse>;
