using Orders.Application.Abstractions.Persistence;
using Orders.Application.Orders;
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

    public Task<IReadOnlyList<Order>> FindOpenAsync(Guid accountId, string? instrument, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Order>>([.. Added
            .Where(order => order.AccountId == accountId && order.Status is OrderStatus.Pending or OrderStatus.Placed or OrderStatus.PartiallyFilled && (instrument is null || order.Instrument == instrument))
            .OrderBy(order => order.CreatedAt)
            .Take(limit)]);

    public Task<IReadOnlyList<Order>> FindFailedAsync(string reason, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Order>>([.. Added
            .Where(order => order.Status == OrderStatus.Failed)
            .Where(DeadLetterReason.Is(reason).Compile())
            .OrderBy(order => order.CreatedAt)
            .Take(limit)]);

    public Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(Added.SingleOrDefault(order => order.Id == id));
}
