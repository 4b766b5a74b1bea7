namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>An outcome waiting for its batch; completes with whether its claim was still held.</summary>
internal sealed record PendingOutcome(DispatchOutcome Outcome)
{
    public TaskCompletionSource<bool> Recorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
