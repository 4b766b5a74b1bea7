using Quartz;

namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>
/// The trigger of the relay, not its lock: correctness rests on the claims, so the job may run on
/// every instance at once. Within one process, one run at a time is enough.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ProcessOutboxJob(OutboxRelay relay) : IJob
{
    public static readonly JobKey Key = new("process-outbox", "outbox");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var claimed = await relay.RunAsync(cancellationToken);
        context.Result = claimed;
    }
}
