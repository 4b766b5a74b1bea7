using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;

namespace Orders.UnitTests.Fakes;

internal sealed class FakeOrderRepository : IOrderRepository
{
    public List<Order> Added { get; } = [];

    public void Add(Order order) => Added.Add(order);

    public List<Guid> Loaded { get; } = [];

    public Task LoadAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        Loaded.AddRange(ids);
        return Task.CompletedTask;
    }

    public Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(Added.SingleOrDefault(order => order.Id == id));
}
