using Orders.Application.Abstractions.Messaging;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.CancelOrder;

/// <summary>A cancel request, for one order or many: a pending order whose placement can be withdrawn is cancelled at once.</summary>
internal static class OrderCancellation
{
    public static async Task<CancelRequestOutcome> RequestAsync(Order order, IPlacementWithdrawal placements, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Withdrawn in this transaction: if it rolls back, the placement is still on its way, as the order says.
        var withdrawn = order.Status == OrderStatus.Pending && await placements.TryWithdrawAsync(order.Id, cancellationToken);
        return order.RequestCancel(mayHaveBeenSent: !withdrawn, now);
    }
}
