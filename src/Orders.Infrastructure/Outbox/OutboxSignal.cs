namespace Orders.Infrastructure.Outbox;

/// <summary>
/// Wakes the dispatcher as soon as a new outbox row commits, so an order does not wait for the next poll.
/// When no dispatcher is running in this process, it asks for one run of the job instead (coalesced).
/// </summary>
internal sealed class OutboxSignal
{
    private readonly WakeUp _wakeUp = new();
    private int _activeDispatchers;
    private int _runRequested;

    /// <summary>Set by the host: starts one dispatcher run now.</summary>
    public Func<Task>? RequestRun { get; set; }

    public void Notify()
    {
        _wakeUp.Notify();
        if (Volatile.Read(ref _activeDispatchers) == 0 && RequestRun is { } requestRun && Interlocked.Exchange(ref _runRequested, 1) == 0)
        {
            _ = requestRun();
        }
    }

    /// <summary>Completes at the next <see cref="Notify"/> after the last <see cref="Reset"/>.</summary>
    public Task WaitAsync() => _wakeUp.WaitAsync();

    /// <summary>Called before each look at the table: a notification after this point is not missed.</summary>
    public void Reset() => _wakeUp.Reset();

    public void DispatcherStarted()
    {
        Interlocked.Increment(ref _activeDispatchers);
        Volatile.Write(ref _runRequested, 0);
    }

    public void DispatcherStopped() => Interlocked.Decrement(ref _activeDispatchers);
}
