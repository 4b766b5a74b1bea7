using System.Diagnostics.Metrics;
using Orders.Application.Telemetry;

namespace Orders.Application.Orders.PlaceAtExchange;

/// <summary>What became of each delivery of an order's placement, and how many of them reached the exchange.</summary>
internal sealed class PlacementMetrics
{
    private readonly Counter<long> _placements;
    private readonly Counter<long> _attempts;

    public PlacementMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(OrdersTelemetry.Name);
        _placements = meter.CreateCounter<long>("orders.placements", "{placement}", "Deliveries of an order's placement, by outcome");
        _attempts = meter.CreateCounter<long>("orders.placement.attempts", "{attempt}", "Deliveries of an order's placement that reached the exchange");
    }

    public void Record(PlacementOutcome outcome)
    {
        _placements.Add(1, new KeyValuePair<string, object?>("outcome", Name(outcome)));
        if (outcome != PlacementOutcome.NotAttempted)
        {
            _attempts.Add(1);
        }
    }

    private static string Name(PlacementOutcome outcome) => outcome switch
    {
        PlacementOutcome.Placed => "placed",
        PlacementOutcome.Rejected => "rejected",
        PlacementOutcome.Retry => "retry",
        PlacementOutcome.DeadLettered => "dead_lettered",
        _ => "not_attempted",
    };
}
