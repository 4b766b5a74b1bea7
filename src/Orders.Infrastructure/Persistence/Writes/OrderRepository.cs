using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Persistence.Writes;

internal sealed class OrderRepository(OrdersDbContext dbContext, NewAggregates newAggregates) : IOrderRepository
{
    public void Add(Order order) => newAggregates.Add(order);

    public async Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        dbContext.Orders.Local.FindEntry(id)?.Entity ?? await dbContext.Orders.SingleOrDefaultAsync(order => order.Id == id, cancellationToken);

    public Task LoadAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        dbContext.Orders.Where(order => ids.Contains(order.Id)).LoadAsync(cancellationToken);
}
