namespace Orders.Infrastructure.Events;

/// <summary>
/// Wakes every stream of this instance as soon as it commits an order change, so a stream does not wait for its next
/// poll. Any number of streams wait at once: each takes <see cref="NextCommit"/> before it reads the log, so a commit
/// during the read is not missed.
/// </summary>
internal sealed class OrderEventSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the first <see cref="Notify"/> after it was taken.</summary>
    public Task NextCommit => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
