using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;

namespace Orders.UnitTests.Fakes;

internal sealed class FakeOrderRepository : IOrderRepository
{
    public List<Order> Added { get; } = [];

    public void Add(Order order) => Added.Add(order);
}
