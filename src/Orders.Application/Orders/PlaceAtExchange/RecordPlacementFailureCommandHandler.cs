using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceAtExchange;

internal sealed class RecordPlacementFailureCommandHandler(IOrderRepository orders, TimeProvider timeProvider)
    : IRequestHandler<RecordPlacementFailureCommand, Result<OrderStatus>>
{
    public async Task<Result<OrderStatus>> Handle(RecordPlacementFailureCommand command, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(command.OrderId, cancellationToken);
        if (order is null)
        {
            return Result<OrderStatus>.NotFound($"Order '{command.OrderId}' was not found.");
        }

        // The exchange's message has no bound of its own.
        var reason = command.Reason.Length <= OrderRules.ReasonLength ? command.Reason : command.Reason[..OrderRules.ReasonLength];
        order.MarkFailed(reason, timeProvider.GetUtcNow(), command.MayBeAtExchange);
        return order.Status;
    }
}
