using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceAtExchange;

internal sealed class RecordPlacementFailureCommandHandler(IOrderRepository orders, TimeProvider timeProvider)
    : IRequestHandler<RecordPlacementFailureCommand, Result<OrderStatus>>
{
    // The stored reason's length; the exchange's message has no bound of its own.
    private const int MaxReasonLength = 2000;

    public async Task<Result<OrderStatus>> Handle(RecordPlacementFailureCommand command, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(command.OrderId, cancellationToken);
        if (order is null)
        {
            return Result<OrderStatus>.NotFound($"Order '{command.OrderId}' was not found.");
        }

        var reason = command.Reason.Length <= MaxReasonLength ? command.Reason : command.Reason[..MaxReasonLength];
        order.MarkFailed(reason, timeProvider.GetUtcNow());
        return order.Status;
    }
}
