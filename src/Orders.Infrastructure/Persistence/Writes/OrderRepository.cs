using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;
using Orders.Infrastructure.Persistence.Sql;

namespace Orders.Infrastructure.Persistence.Writes;

/// <summary>
/// Orders come with their executions: an order applies a report against the ones it holds (a duplicate, an
/// overfill). Their history is only appended to and stays unloaded. An order is locked before it is read, until the
/// transaction ends: its writers (the relay, a client's cancel) take turns, each reading what the other committed.
/// </summary>
internal sealed class OrderRepository(OrdersDbContext dbContext, NewAggregates newAggregates, IOrderLockSql lockSql) : IOrderRepository
{
    private static readonly OrderStatus[] OpenStatuses = [OrderStatus.Pending, OrderStatus.Placed, OrderStatus.PartiallyFilled];

    public void Add(Order order) => newAggregates.Add(order);

    public async Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        if (dbContext.Orders.Local.FindEntry(id) is not { } tracked)
        {
            await LockAsync([id], cancellationToken);
            return await WithExecutions().SingleOrDefaultAsync(order => order.Id == id, cancellationToken);
        }

        // Queries nothing when they came with it (LoadAsync); an order tracked by another query gets them now.
        await tracked.Collection(order => order.Executions).LoadAsync(cancellationToken);
        return tracked.Entity;
    }

    public async Task<IReadOnlyList<Order>> FindOpenAsync(string? instrument, int limit, CancellationToken cancellationToken)
    {
        var ids = await dbContext.Orders.AsNoTracking()
            .Where(order => OpenStatuses.Contains(order.Status) && (instrument == null || order.Instrument == instrument))
            .OrderBy(order => order.CreatedAt)
            .ThenBy(order => order.Id)
            .Take(limit)
            .Select(order => order.Id)
            .ToListAsync(cancellationToken);
        await LockAsync(ids, cancellationToken);

        // Read again under the lock: one may have moved on (filled, cancelled) in between.
        return await WithExecutions()
            .Where(order => ids.Contains(order.Id) && OpenStatuses.Contains(order.Status))
            .OrderBy(order => order.CreatedAt)
            .ThenBy(order => order.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task LoadAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await LockAsync([.. ids], cancellationToken);
        await WithExecutions().Where(order => ids.Contains(order.Id)).LoadAsync(cancellationToken);
    }

    private async Task LockAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count > 0 && lockSql.Lock(ids) is { } statement)
        {
            await dbContext.Database.SqlQuery<Guid>(statement).ToListAsync(cancellationToken);
        }
    }

    private IQueryable<Order> WithExecutions() => dbContext.Orders.Include(order => order.Executions);
}
