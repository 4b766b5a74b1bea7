namespace Orders.Application.Executions.ApplyExecutionReport;

/// <summary>What became of a report: applied, already held, or parked with the reason it cannot be applied.</summary>
public sealed record ApplyExecutionReportResponse(ExecutionReportOutcome Outcome, string? ParkedReason)
{
    public static ApplyExecutionReportResponse Applied { get; } = new(ExecutionReportOutcome.Applied, null);

    public static ApplyExecutionReportResponse Duplicate { get; } = new(ExecutionReportOutcome.Duplicate, null);

    public static ApplyExecutionReportResponse Parked(string reason) => new(ExecutionReportOutcome.Parked, reason);
}

public enum ExecutionReportOutcome
{
    /// <summary>The order changed.</summary>
    Applied,

    /// <summary>The order already held the report: nothing changed.</summary>
    Duplicate,

    /// <summary>
    /// The report names an order the service does not know, or cannot be true of it (an overfill): nothing changed,
    /// and the report is kept aside, with its reason, for an operator.
    /// </summary>
    Parked,
}
