using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Persistence;
using Orders.Application.Orders.ListOrders;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Persistence;

internal sealed class OrderReadStore(OrdersDbContext dbContext) : IOrderReadStore
{
    public Task<TResponse?> FindAsync<TResponse>(Expression<Func<Order, TResponse>> projection, Guid accountId, Guid id, CancellationToken cancellationToken)
        where TResponse : class =>
        dbContext.Orders.AsNoTracking().Where(order => order.Id == id && order.AccountId == accountId).Select(projection).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<TResponse>> ListNewestFirstAsync<TResponse>(
        Expression<Func<Order, TResponse>> projection,
        OrderListFilter filter,
        int limit,
        CancellationToken cancellationToken)
    {
        // The account first: with the order by (created_at, id), ix_orders_account_id_created_at_id serves it.
        var orders = dbContext.Orders.AsNoTracking().Where(order => order.AccountId == filter.AccountId);
        if (filter.Status is { } status)
        {
            orders = orders.Where(order => order.Status == status);
        }

        if (filter.Instrument is { } instrument)
        {
            orders = orders.Where(order => order.Instrument == instrument);
        }

        if (filter.Side is { } side)
        {
            orders = orders.Where(order => order.Side == side);
        }

        if (filter.CreatedFrom is { } from)
        {
            orders = orders.Where(order => order.CreatedAt >= from);
        }

        if (filter.CreatedTo is { } to)
        {
            orders = orders.Where(order => order.CreatedAt < to);
        }

        if (filter.After is { } after)
        {
            orders = orders.Where(order => order.CreatedAt < after.CreatedAt || (order.CreatedAt == after.CreatedAt && order.Id.CompareTo(after.Id) < 0));
        }

        return await orders
            .OrderByDescending(order => order.CreatedAt)
            .ThenByDescending(order => order.Id)
            .Take(limit)
            .Select(projection)
            .ToListAsync(cancellationToken);
    }
}
