using Microsoft.Extensions.Hosting;
using Quartz;

namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>Lets a commit start a dispatcher run at once when none is running in this process.</summary>
internal sealed class OutboxSignalBinding(OutboxSignal signal, ISchedulerFactory schedulerFactory) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        signal.RequestRun = async () =>
        {
            var scheduler = await schedulerFactory.GetScheduler();
            if (scheduler.Status == SchedulerStatus.Running)
            {
                await scheduler.TriggerJob(ProcessOutboxJob.Key);
            }
        };
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        signal.RequestRun = null;
        return Task.CompletedTask;
    }
}
