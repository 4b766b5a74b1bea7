using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Persistence;

using Orders.Application.Orders;

namespace Orders.Application.Orders.GetOrder;

internal sealed class GetOrderQueryHandler(IOrderReadStore readStore)
    : IRequestHandler<GetOrderQuery, Result<OrderResponse>>
{
    public async Task<Result<OrderResponse>> Handle(GetOrderQuery query, CancellationToken cancellationToken)
    {
        var order = await readStore.FindAsync(OrderResponse.Projection, query.AccountId, query.Id, cancellationToken);
        return order is null ? Result<OrderResponse>.NotFound($"Order '{query.Id}' was not found.") : order;
    }
}
