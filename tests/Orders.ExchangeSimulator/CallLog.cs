namespace Orders.ExchangeSimulator;

/// <summary>The orders the simulator holds, by client order id, and what it counted on the way.</summary>
internal sealed class OrderBook
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Placement> _placements = [];
    private long _failedCalls;

    /// <summary>Places the order unless its client order id is already held; either way counts the request.</summary>
    public (string ExchangeOrderId, bool Placed) Place(Guid clientOrderId)
    {
        lock (_lock)
        {
            if (_placements.TryGetValue(clientOrderId, out var existing))
            {
                _placements[clientOrderId] = existing with { Requests = existing.Requests + 1 };
                return (existing.ExchangeOrderId, false);
            }

            var placement = new Placement(clientOrderId, $"SIM-{Guid.CreateVersion7():N}", 1);
            _placements.Add(clientOrderId, placement);
            return (placement.ExchangeOrderId, true);
        }
    }

    public void RecordFailedCall() => Interlocked.Increment(ref _failedCalls);

    public PlacementsResponse Snapshot()
    {
        lock (_lock)
        {
            return new PlacementsResponse([.. _placements.Values], Interlocked.Read(ref _failedCalls));
        }
    }
}

/// <summary>One order at the exchange; <see cref="Requests"/> counts the request that placed it and every later one naming it.</summary>
internal sealed record Placement(Guid ClientOrderId, string ExchangeOrderId, int Requests);

internal sealed record PlacementsResponse(IReadOnlyList<Placement> Placements, long FailedCalls);
