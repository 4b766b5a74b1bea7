using Microsoft.Extensions.DependencyInjection;
using Orders.Application.Abstractions.Operations;
using Orders.Infrastructure.Executions;
using Orders.Infrastructure.Executions.Reconciliation;
using Orders.Infrastructure.Outbox;
using Quartz;
using Quartz.Extensibility;

namespace Orders.Infrastructure.Monitoring;

/// <summary>Reads the scheduler (triggers, fire times, what is running), Quartz's execution history (runs, failures), the outbox and the inbox.</summary>
internal sealed class QuartzJobsMonitor(
    ISchedulerFactory schedulerFactory,
    IExecutionHistoryStore history,
    IServiceScopeFactory scopeFactory) : IJobsMonitor
{
    public async Task<JobsReport> GetReportAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var running = (await scheduler.QueryFireInstances(new FireInstanceQuery(), cancellationToken)).Items.Select(firing => firing.JobKey).ToHashSet();
        var jobs = new List<JobReport>();
        // One row per job, from its recurring trigger (in the job's group): a run a commit asks for adds a one-off trigger for a moment.
        var triggers = (await scheduler.QueryTriggers(new TriggerQuery(), cancellationToken)).Items
            .GroupBy(trigger => trigger.JobKey)
            .Select(job => job.OrderByDescending(trigger => trigger.Key.Group == job.Key.Group).First());
        foreach (var trigger in triggers)
        {
            var jobKey = trigger.JobKey;
            var status = await history.GetJobRunStatus(scheduler.SchedulerName, jobKey, cancellationToken);
            {
                jobs.Add(new JobReport(
                    jobKey.Name,
                    jobKey.Group,
                    trigger.Key.ToString(),
                    (await scheduler.GetTriggerState(trigger.Key, cancellationToken)).ToString(),
                    trigger.PreviousFireTimeUtc,
                    trigger.NextFireTimeUtc,
                    running.Contains(jobKey),
                    status?.LastFiredAtUtc,
                    status?.LastDuration.TotalMilliseconds,
                    status?.LastResult.ToString(),
                    status?.LastFailureMessage,
                    status?.RunCount ?? 0,
                    status?.FailureCount ?? 0));
            }
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var outbox = await scope.ServiceProvider.GetRequiredService<OutboxStatisticsQuery>().GetAsync(cancellationToken);
        var parked = await scope.ServiceProvider.GetRequiredService<ParkedReportsQuery>().GetAsync(cancellationToken);
        var discrepancies = await scope.ServiceProvider.GetRequiredService<DiscrepanciesQuery>().GetAsync(cancellationToken);
        var intake = await scope.ServiceProvider.GetRequiredService<ExecutionIntakeQuery>().GetAsync(parked.Count, cancellationToken);
        return new JobsReport(
            jobs, new OutboxReport(outbox.Pending, outbox.Claimed, outbox.OldestPendingAge?.TotalSeconds, outbox.DeadLetters), intake, parked, discrepancies);
    }
}
