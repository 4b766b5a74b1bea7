using System.Diagnostics.Metrics;
using Orders.Application.Telemetry;

namespace Orders.Application.Executions;

/// <summary>The exchange's execution reports: how many arrive, how many were held already, how many change an order, and how late.</summary>
internal sealed class ExecutionReportMetrics
{
    // From a few milliseconds (applied in the batch after its arrival) to minutes (held up behind an order's placement).
    private static readonly double[] LagBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Counter<long> _received;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _applied;
    private readonly Histogram<double> _lag;

    public ExecutionReportMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(OrdersTelemetry.Name);
        _received = meter.CreateCounter<long>("orders.execution_reports.received", "{report}", "Execution reports received, duplicates included");
        _duplicates = meter.CreateCounter<long>("orders.execution_reports.duplicates", "{report}", "Execution reports received that were held already");
        _applied = meter.CreateCounter<long>("orders.execution_reports.applied", "{report}", "Execution reports that changed their order");
        _lag = meter.CreateHistogram(
            "orders.execution_reports.lag",
            "s",
            "From the report's time at the exchange to its order's change",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
    }

    public void Received(bool duplicate)
    {
        _received.Add(1);
        if (duplicate)
        {
            _duplicates.Add(1);
        }
    }

    public void Applied(TimeSpan lag)
    {
        _applied.Add(1);
        _lag.Record(Math.Max(lag.TotalSeconds, 0));
    }
}
