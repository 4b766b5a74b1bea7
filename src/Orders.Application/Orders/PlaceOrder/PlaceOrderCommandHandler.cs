using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceOrder;

/// <summary>Accepts the order; the transaction behavior stores it together with the event that gets it placed.</summary>
internal sealed class PlaceOrderCommandHandler(IOrderRepository orders, TimeProvider timeProvider)
    : IRequestHandler<PlaceOrderCommand, Result<PlaceOrderResponse>>
{
    public Task<Result<PlaceOrderResponse>> Handle(PlaceOrderCommand command, CancellationToken cancellationToken)
    {
        // The validator has run: the nullable fields are known to be present.
        var order = Order.Accept(
            command.AccountId,
            command.Type!.Value,
            command.Side!.Value,
            command.Instrument!,
            command.LimitPrice,
            command.Quantity!.Value,
            timeProvider.GetUtcNow());
        orders.Add(order);
        return Task.FromResult<Result<PlaceOrderResponse>>(PlaceOrderResponse.From(order));
    }
}
