using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Operations;
using Orders.Application.Orders;
using Orders.Domain.Orders;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Monitoring;

/// <summary>
/// The failed orders grouped in the database by <see cref="DeadLetterReason"/>: a failed order's reason is its
/// placement's dead letter's last error (the relay writes both in one transaction), and reading orders by status
/// takes an index where the outbox has none for dead letters. Each order counts once, however often it failed.
/// </summary>
internal sealed class DeadLetters(OrdersDbContext dbContext) : IDeadLetters
{
    public async Task<DeadLettersReport> GroupsAsync(int limit, CancellationToken cancellationToken)
    {
        var failedOrders = await Failed(dbContext).CountAsync(cancellationToken);
        var groups = await Largest(dbContext, limit).ToListAsync(cancellationToken);

        // A sample per group, by the group's own filter: a few groups are shown, each found by the status index.
        var shown = new List<DeadLetterGroup>(groups.Count);
        foreach (var group in groups)
        {
            var sample = await InGroup(dbContext, group.Reason)
                .OrderBy(order => order.CreatedAt)
                .ThenBy(order => order.Id)
                .Select(order => new { order.Id, order.FailureReason })
                .FirstOrDefaultAsync(cancellationToken);

            // Re-driven between the two reads: the group is gone.
            if (sample is not null)
            {
                shown.Add(new DeadLetterGroup(group.Reason, group.Count, sample.Id, sample.FailureReason!));
            }
        }

        return new DeadLettersReport(failedOrders, shown);
    }

    public Task<int> CountAsync(string reason, CancellationToken cancellationToken) =>
        InGroup(dbContext, reason).CountAsync(cancellationToken);

    /// <summary>The <paramref name="limit"/> largest groups, largest first.</summary>
    internal static IQueryable<GroupSize> Largest(OrdersDbContext dbContext, int limit) =>
        Failed(dbContext)
            .GroupBy(DeadLetterReason.Of)
            .Select(group => new GroupSize { Reason = group.Key, Count = group.Count() })
            .OrderByDescending(group => group.Count)
            .ThenBy(group => group.Reason)
            .Take(limit);

    internal static IQueryable<Order> InGroup(OrdersDbContext dbContext, string reason) => Failed(dbContext).Where(DeadLetterReason.Is(reason));

    private static IQueryable<Order> Failed(OrdersDbContext dbContext) => dbContext.Orders.AsNoTracking().Where(order => order.Status == OrderStatus.Failed);

    // Initialised by members, not a constructor: EF orders by members it can see.
    internal sealed record GroupSize
    {
        public required string Reason { get; init; }

        public int Count { get; init; }
    }
}
