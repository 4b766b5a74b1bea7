using System.Diagnostics.Metrics;
using Orders.Application.Telemetry;

namespace Orders.Application.Idempotency;

/// <summary>Requests answered from an earlier one's key: replayed (the same request again) or refused (another request under the key).</summary>
internal sealed class IdempotencyMetrics
{
    private readonly Counter<long> _replays;
    private readonly Counter<long> _conflicts;

    public IdempotencyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(OrdersTelemetry.Name);
        _replays = meter.CreateCounter<long>("orders.idempotency.replays", "{request}", "Requests answered with the response stored under their Idempotency-Key");
        _conflicts = meter.CreateCounter<long>("orders.idempotency.conflicts", "{request}", "Requests refused: their Idempotency-Key was used for another request");
    }

    public void Replayed() => _replays.Add(1);

    public void Conflicted() => _conflicts.Add(1);
}
