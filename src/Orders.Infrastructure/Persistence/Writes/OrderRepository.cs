using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Persistence;
using Orders.Application.Orders;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Persistence.Writes;

/// <summary>
/// Orders come with their executions: an order applies a report against the ones it holds (a duplicate, an
/// overfill). Their history is only appended to and stays unloaded.
/// </summary>
internal sealed class OrderRepository(OrdersDbContext dbContext, NewAggregates newAggregates) : IOrderRepository
{
    private static readonly OrderStatus[] OpenStatuses = [OrderStatus.Pending, OrderStatus.Placed, OrderStatus.PartiallyFilled];

    public void Add(Order order) => newAggregates.Add(order);

    public async Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        if (dbContext.Orders.Local.FindEntry(id) is not { } tracked)
        {
            return await WithExecutions().SingleOrDefaultAsync(order => order.Id == id, cancellationToken);
        }

        // Queries nothing when they came with it (LoadAsync); an order tracked by another query gets them now.
        await tracked.Collection(order => order.Executions).LoadAsync(cancellationToken);
        return tracked.Entity;
    }

    public async Task<IReadOnlyList<Order>> FindOpenAsync(Guid accountId, string? instrument, int limit, CancellationToken cancellationToken) =>
        await WithExecutions()
            .Where(order => order.AccountId == accountId && OpenStatuses.Contains(order.Status) && (instrument == null || order.Instrument == instrument))
            .OrderBy(order => order.CreatedAt)
            .ThenBy(order => order.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Order>> FindFailedAsync(string reason, int limit, CancellationToken cancellationToken) =>
        await WithExecutions()
            .Where(order => order.Status == OrderStatus.Failed)
            .Where(DeadLetterReason.Is(reason))
            .OrderBy(order => order.CreatedAt)
            .ThenBy(order => order.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public Task LoadAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        WithExecutions().Where(order => ids.Contains(order.Id)).LoadAsync(cancellationToken);

    private IQueryable<Order> WithExecutions() => dbContext.Orders.Include(order => order.Executions);
}
