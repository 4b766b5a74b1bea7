using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Persistence;
using Orders.Application.Audit;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.RedriveOrder;

/// <summary>
/// Makes a failed order pending again; its new outbox row is written in the same transaction, and the
/// exchange's idempotency on the unchanged client order id keeps a late first placement from doubling it.
/// </summary>
internal sealed class RedriveOrderCommandHandler(IOrderRepository orders, OperatorAudit audit, TimeProvider timeProvider)
    : IRequestHandler<RedriveOrderCommand, Result<RedriveOrderResponse>>
{
    public async Task<Result<RedriveOrderResponse>> Handle(RedriveOrderCommand command, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(command.OrderId, cancellationToken);
        if (order is null)
        {
            return Result<RedriveOrderResponse>.NotFound($"Order '{command.OrderId}' was not found.");
        }

        if (order.Status != OrderStatus.Failed)
        {
            return Result<RedriveOrderResponse>.Conflict($"Order '{order.Id}' is {OrderStatusNames.Of(order.Status)}; only a failed order can be re-driven.");
        }

        OrderRedrive.Apply(order, audit, timeProvider.GetUtcNow());
        return new RedriveOrderResponse(order.Id, order.Status);
    }
}
