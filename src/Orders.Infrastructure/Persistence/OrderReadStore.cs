using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Persistence;

internal sealed class OrderReadStore(OrdersDbContext dbContext) : IOrderReadStore
{
    public Task<TResponse?> FindAsync<TResponse>(Expression<Func<Order, TResponse>> projection, Guid id, CancellationToken cancellationToken)
        where TResponse : class =>
        dbContext.Orders.AsNoTracking().Where(order => order.Id == id).Select(projection).FirstOrDefaultAsync(cancellationToken);
}
