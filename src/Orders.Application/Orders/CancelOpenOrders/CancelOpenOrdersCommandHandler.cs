using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Messaging;
using Orders.Application.Abstractions.Persistence;
using Orders.Application.Orders.CancelOrder;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.CancelOpenOrders;

/// <summary>Cancels a batch of open orders, each as a cancel of its own would; a cancelled order leaves the open ones, so the next batch starts after it.</summary>
internal sealed class CancelOpenOrdersCommandHandler(IOrderRepository orders, IPlacementWithdrawal placements, TimeProvider timeProvider)
    : IRequestHandler<CancelOpenOrdersCommand, Result<CancelOpenOrdersBatch>>
{
    public async Task<Result<CancelOpenOrdersBatch>> Handle(CancelOpenOrdersCommand command, CancellationToken cancellationToken)
    {
        var open = await orders.FindOpenAsync(command.AccountId, command.Instrument, CancelOpenOrdersCommand.BatchSize, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var cancelling = new List<Guid>();
        var cancelled = new List<Guid>();
        foreach (var order in open)
        {
            var outcome = await OrderCancellation.RequestAsync(order, placements, now, cancellationToken);
            (outcome == CancelRequestOutcome.CancelledNow ? cancelled : cancelling).Add(order.Id);
        }

        return new CancelOpenOrdersBatch(new CancelOpenOrdersResponse(cancelling, cancelled), More: open.Count > 0);
    }
}
