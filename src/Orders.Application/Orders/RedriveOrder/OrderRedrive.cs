using Orders.Application.Audit;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.RedriveOrder;

/// <summary>A re-drive, of one order or of a group of dead letters: the order is pending again, and the audit log says who did it.</summary>
internal static class OrderRedrive
{
    private const string Reason = "Re-driven by an operator";

    public static void Apply(Order order, OperatorAudit audit, DateTimeOffset now)
    {
        order.Redrive(Reason, now);
        audit.Record("order.redrive", order.Id.ToString(), "Sent to the exchange again");
    }
}
