using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Accounts;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceOrder;

/// <summary>
/// Accepts the order when the account may trade it; the transaction behavior stores it together with the event that
/// gets it placed. A refused order stores nothing.
/// </summary>
internal sealed class PlaceOrderCommandHandler(IOrderRepository orders, ITradingTerms tradingTerms, TimeProvider timeProvider)
    : IRequestHandler<PlaceOrderCommand, Result<PlaceOrderResponse>>
{
    public async Task<Result<PlaceOrderResponse>> Handle(PlaceOrderCommand command, CancellationToken cancellationToken)
    {
        var terms = await tradingTerms.FindAsync(command.AccountId, cancellationToken)
            ?? throw new InvalidOperationException($"The caller's account {command.AccountId} does not exist.");
        if (PreTradeCheck.Refusal(terms, command) is { } refusal)
        {
            return refusal;
        }

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
        return PlaceOrderResponse.From(order);
    }
}
