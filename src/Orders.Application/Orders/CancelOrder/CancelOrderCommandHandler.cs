using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Messaging;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.CancelOrder;

/// <summary>
/// Cancels an order: at once when it is pending and its placement was never sent, otherwise through the outbox (the
/// cancel message follows the placement message, so the exchange never gets the cancel first). Filled and failed
/// orders have nothing to cancel.
/// </summary>
internal sealed class CancelOrderCommandHandler(IOrderRepository orders, IPlacementWithdrawal placements, TimeProvider timeProvider)
    : IRequestHandler<CancelOrderCommand, Result<CancelOrderResponse>>
{
    public async Task<Result<CancelOrderResponse>> Handle(CancelOrderCommand command, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(command.OrderId, cancellationToken);
        // Another account's order is not found, exactly as one that does not exist: a 403 would tell it exists.
        if (order is null || order.AccountId != command.AccountId)
        {
            return Result<CancelOrderResponse>.NotFound($"Order '{command.OrderId}' was not found.");
        }

        var outcome = await OrderCancellation.RequestAsync(order, placements, timeProvider.GetUtcNow(), cancellationToken);
        return outcome == CancelRequestOutcome.NotCancellable
            ? Result<CancelOrderResponse>.Conflict($"Order '{order.Id}' is {OrderStatusNames.Of(order.Status)}; only an open order can be cancelled.")
            : new CancelOrderResponse(order.Id, order.Status);
    }
}
