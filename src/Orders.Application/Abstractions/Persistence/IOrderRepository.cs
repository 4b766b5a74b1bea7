using Orders.Domain.Orders;

namespace Orders.Application.Abstractions.Persistence;

public interface IOrderRepository
{
    void Add(Order order);

    /// <summary>The order, tracked for changes, or null.</summary>
    Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken);
}
