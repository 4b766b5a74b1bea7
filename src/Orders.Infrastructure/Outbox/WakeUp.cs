namespace Orders.Infrastructure.Outbox;

/// <summary>
/// A wake-up that cannot be missed: <see cref="WaitAsync"/> completes at the first <see cref="Notify"/> after
/// the last <see cref="Reset"/>, so a waiter resets before it looks and then waits.
/// </summary>
internal sealed class WakeUp
{
    private TaskCompletionSource _source = NewSource();

    public void Notify() => Volatile.Read(ref _source).TrySetResult();

    public Task WaitAsync() => Volatile.Read(ref _source).Task;

    public void Reset()
    {
        var current = Volatile.Read(ref _source);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _source, NewSource(), current);
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
