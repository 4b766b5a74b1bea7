namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>
/// The deliveries in flight, counted down by each delivery as it ends (its outcome recorded or given up), rather
/// than read off finished tasks: a task that has signalled may not yet show as completed, and the run would wait
/// for a wake-up already spent.
/// </summary>
internal sealed class RelaySlots(int capacity)
{
    private readonly WakeUp _freed = new();
    private int _busy;

    public int Capacity => capacity;

    public int Free => capacity - Volatile.Read(ref _busy);

    public void Take(int count) => Interlocked.Add(ref _busy, count);

    public void Release()
    {
        Interlocked.Decrement(ref _busy);
        _freed.Notify();
    }

    /// <summary>Called before <see cref="Free"/> is read: a release after this point is not missed.</summary>
    public void Reset() => _freed.Reset();

    public Task WaitAsync() => _freed.WaitAsync();

    /// <summary>Completes when every delivery has ended.</summary>
    public async Task WaitAllFreeAsync()
    {
        while (true)
        {
            Reset();
            if (Free == capacity)
            {
                return;
            }

            await WaitAsync();
        }
    }
}
