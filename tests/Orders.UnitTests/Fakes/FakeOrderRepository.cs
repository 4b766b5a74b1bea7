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

    public Task<IReadOnlyList<Order>> FindOpenAsync(Guid? accountId, string? instrument, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Order>>([.. Added
            .Where(order => order.Status is OrderStatus.Pending or OrderStatus.Placed or OrderStatus.PartiallyFilled && (accountId is null || order.AccountId == accountId) && (instrument is null || order.Instrument == instrument))
            .OrderBy(order => order.CreatedAt)
            .Take(limit)]);

    public Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(Added.SingleOrDefault(order => order.Id == id));
}
