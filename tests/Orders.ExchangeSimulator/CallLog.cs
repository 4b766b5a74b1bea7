namespace Orders.ExchangeSimulator;

/// <summary>
/// What the simulator counted: the requests naming each placed order, the calls that failed, the reports pushed and
/// dropped, and those pushed twice or held back to go after the next.
/// </summary>
internal sealed class CallLog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Placement> _placements = [];
    private long _failedCalls;
    private long _reportsPushed;
    private long _reportsDropped;
    private long _reportsDuplicated;
    private long _reportsHeldBack;

    /// <summary>Counts a placement request the market answered with this exchange order id.</summary>
    public void RecordPlacement(Guid clientOrderId, string exchangeOrderId)
    {
        lock (_lock)
        {
            _placements[clientOrderId] = _placements.TryGetValue(clientOrderId, out var existing)
                ? existing with { Requests = existing.Requests + 1 }
                : new Placement(clientOrderId, exchangeOrderId, 1);
        }
    }

    public void RecordFailedCall() => Interlocked.Increment(ref _failedCalls);

    /// <summary>Counts a report the webhook took.</summary>
    public void RecordPushedReport() => Interlocked.Increment(ref _reportsPushed);

    /// <summary>Counts a report the drop rate kept from the webhook.</summary>
    public void RecordDroppedReport() => Interlocked.Increment(ref _reportsDropped);

    /// <summary>Counts a report the duplicate rate pushed a second time.</summary>
    public void RecordDuplicatedReport() => Interlocked.Increment(ref _reportsDuplicated);

    /// <summary>Counts a report the reorder rate held back to go after the next one.</summary>
    public void RecordHeldBackReport() => Interlocked.Increment(ref _reportsHeldBack);

    public PlacementsResponse Snapshot()
    {
        lock (_lock)
        {
            return new PlacementsResponse(
                [.. _placements.Values],
                Interlocked.Read(ref _failedCalls),
                Interlocked.Read(ref _reportsPushed),
                Interlocked.Read(ref _reportsDropped),
                Interlocked.Read(ref _reportsDuplicated),
                Interlocked.Read(ref _reportsHeldBack));
        }
    }
}

/// <summary>One order at the exchange; <see cref="Requests"/> counts the request that placed it and every later one naming it.</summary>
internal sealed record Placement(Guid ClientOrderId, string ExchangeOrderId, int Requests);

internal sealed record PlacementsResponse(
    IReadOnlyList<Placement> Placements, long FailedCalls, long ReportsPushed, long ReportsDropped, long ReportsDuplicated, long ReportsHeldBack);
