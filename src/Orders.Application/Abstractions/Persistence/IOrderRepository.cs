using Orders.Domain.Orders;

namespace Orders.Application.Abstractions.Persistence;

public interface IOrderRepository
{
    void Add(Order order);
}
