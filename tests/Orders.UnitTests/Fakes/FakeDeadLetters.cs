using Orders.Application.Abstractions.Operations;
using Orders.Application.Orders;
using Orders.Domain.Orders;

namespace Orders.UnitTests.Fakes;

/// <summary>Counts the failed orders of a fake repository by group, as the database does.</summary>
internal sealed class FakeDeadLetters(FakeOrderRepository orders) : IDeadLetters
{
    public Task<DeadLettersReport> GroupsAsync(int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A re-drive counts its group only.");

    public Task<int> CountAsync(string reason, CancellationToken cancellationToken) =>
        Task.FromResult(orders.Added.Where(order => order.Status == OrderStatus.Failed).Count(DeadLetterReason.Is(reason).Compile()));
}
