using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Persistence.Writes;

internal sealed class OrderRepository(OrdersDbContext dbContext, NewAggregates newAggregates) : IOrderRepository
{
    public void Add(Order order) => newAggregates.Add(order);

    public Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        dbContext.Orders.SingleOrDefaultAsync(order => order.Id == id, cancellationToken);
}
