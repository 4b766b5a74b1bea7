using MediatR;
using Orders.Application.Abstractions.Persistence;
using Orders.Application.Abstractions.Results;

namespace Orders.Application.Orders.GetOrder;

internal sealed class GetOrderQueryHandler(IOrderReadStore readStore)
    : IRequestHandler<GetOrderQuery, Result<OrderDetailsResponse>>
{
    public async Task<Result<OrderDetailsResponse>> Handle(GetOrderQuery query, CancellationToken cancellationToken)
    {
        var order = await readStore.FindAsync(OrderDetailsResponse.Projection, query.Id, cancellationToken);
        return order is null ? Result<OrderDetailsResponse>.NotFound($"Order '{query.Id}' was not found.") : order;
    }
}
