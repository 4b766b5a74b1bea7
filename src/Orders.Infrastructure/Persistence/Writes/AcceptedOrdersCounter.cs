using System.Diagnostics.Metrics;
using Orders.Application.Telemetry;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Persistence.Writes;

/// <summary>
/// Orders accepted, by type and side, counted by the unit of work once their transaction has committed: a request
/// rolled back (a refused Idempotency-Key repeat, a failed commit) counts nothing.
/// </summary>
internal sealed class AcceptedOrdersCounter
{
    private readonly Counter<long> _accepted;

    public AcceptedOrdersCounter(IMeterFactory meterFactory) =>
        _accepted = meterFactory.Create(OrdersTelemetry.Name).CreateCounter<long>("orders.accepted", "{order}", "Orders accepted and stored");

    public void Count(Order order) =>
        // Two tags on the stack and literal values: nothing allocated per order.
        _accepted.Add(1, new KeyValuePair<string, object?>("order.type", TypeName(order.Type)), new KeyValuePair<string, object?>("order.side", SideName(order.Side)));

    private static string TypeName(OrderType type) => type == OrderType.Market ? "market" : "limit";

    private static string SideName(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";
}
