namespace Orders.Application.Executions.ReceiveExecutionReport;

/// <summary>The report is held: stored now, or a duplicate of one stored before (nothing changed).</summary>
public sealed record ReceiveExecutionReportResponse(bool Duplicate)
{
    public static ReceiveExecutionReportResponse Stored { get; } = new(Duplicate: false);

    public static ReceiveExecutionReportResponse AlreadyHeld { get; } = new(Duplicate: true);
}
