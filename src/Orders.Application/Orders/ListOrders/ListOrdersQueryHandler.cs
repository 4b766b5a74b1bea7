using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Persistence;

namespace Orders.Application.Orders.ListOrders;

internal sealed class ListOrdersQueryHandler(IOrderReadStore readStore) : IRequestHandler<ListOrdersQuery, Result<OrdersPage>>
{
    public async Task<Result<OrdersPage>> Handle(ListOrdersQuery query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? ListOrdersQuery.DefaultLimit;
        OrderListPosition? after = null;
        if (query.Cursor is not null)
        {
            OrderCursor.TryDecode(query.Cursor, out after);
        }

        var filter = new OrderListFilter(
            query.AccountId, query.Status, query.Instrument, query.Side, query.CreatedFrom?.UtcDateTime, query.CreatedTo?.UtcDateTime, after);

        // One more than asked tells whether another page follows.
        var orders = await readStore.ListNewestFirstAsync(OrderResponse.Projection, filter, limit + 1, cancellationToken);
        var page = orders.Take(limit).ToList();
        var next = orders.Count > limit ? OrderCursor.Encode(new OrderListPosition(page[^1].CreatedAt, page[^1].Id)) : null;
        return new OrdersPage(page, next);
    }
}
