using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceAtExchange;

internal sealed class RecordPlacementCommandHandler(IOrderRepository orders, TimeProvider timeProvider)
    : IRequestHandler<RecordPlacementCommand, Result<OrderStatus>>
{
    public async Task<Result<OrderStatus>> Handle(RecordPlacementCommand command, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(command.OrderId, cancellationToken);
        if (order is null)
        {
            return Result<OrderStatus>.NotFound($"Order '{command.OrderId}' was not found.");
        }

        order.MarkPlaced(command.ExchangeOrderId, timeProvider.GetUtcNow());
        return order.Status;
    }
}
