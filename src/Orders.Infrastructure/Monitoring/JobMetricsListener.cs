using System.Diagnostics.Metrics;
using Orders.Application.Telemetry;
using Quartz;

namespace Orders.Infrastructure.Monitoring;

/// <summary>Every Quartz job's runs, by job and outcome, and how long they took, as the scheduler measured them.</summary>
internal sealed class JobMetricsListener : IJobListener
{
    // A purge takes milliseconds; a relay run lasts up to 30 s.
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;

    public JobMetricsListener(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(OrdersTelemetry.Name);
        _runs = meter.CreateCounter<long>("orders.job.runs", "{run}", "Quartz job runs, by job and outcome");
        _duration = meter.CreateHistogram(
            "orders.job.duration", "s", "How long Quartz job runs took", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var job = new KeyValuePair<string, object?>("job.name", context.JobDetail.Key.Name);
        _runs.Add(1, job, new KeyValuePair<string, object?>("outcome", jobException is null ? "succeeded" : "failed"));
        _duration.Record(context.JobRunTime.TotalSeconds, job);
        return ValueTask.CompletedTask;
    }
}
