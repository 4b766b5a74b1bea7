using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Persistence;
using Orders.Infrastructure.Persistence;
using Orders.Infrastructure.Persistence.Sql;

namespace Orders.Infrastructure.Events;

/// <summary>
/// Follows the log: reads a page after the last event handed out, in the provider's commit-safe order
/// (<see cref="IOrderEventsSql"/>), and when it has caught up waits for this instance's next commit or the poll
/// interval, whichever comes first.
/// </summary>
internal sealed class OrderEventLog(
    OrdersDbContext dbContext,
    IOrderEventsSql sql,
    OrderEventSignal signal,
    IOptions<OrderEventsOptions> options,
    TimeProvider timeProvider) : IOrderEventLog
{
    private const int PageSize = 500;

    public async Task<OrderEventPosition> NowAsync(CancellationToken cancellationToken)
    {
        // Sent as it is: composing on it (Single) would wrap the provider's statement in a subquery.
        var now = (await dbContext.Database.SqlQuery<PlaceRow>(sql.Now).ToListAsync(cancellationToken)).Single();
        return new OrderEventPosition(now.Commit, now.Position);
    }

    public async IAsyncEnumerable<LoggedOrderEvent> Follow(
        OrderEventPosition after, Guid accountId, Guid? orderId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var place = after;
        while (true)
        {
            var committed = signal.NextCommit;
            var page = await dbContext.Database.SqlQuery<EventRow>(sql.ReadAfter(place, accountId, orderId, PageSize)).ToListAsync(cancellationToken);
            foreach (var row in page)
            {
                place = new OrderEventPosition(row.Commit, row.Position);
                yield return new LoggedOrderEvent(place, row.Data);
            }

            if (page.Count < PageSize)
            {
                await WaitAsync(committed, cancellationToken);
            }
        }
    }

    private async Task WaitAsync(Task committed, CancellationToken cancellationToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(committed, Task.Delay(options.Value.PollInterval, timeProvider, poll.Token));
        await poll.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private sealed class PlaceRow
    {
        public long Commit { get; init; }

        public long Position { get; init; }
    }

    private sealed class EventRow
    {
        public long Commit { get; init; }

        public long Position { get; init; }

        public string Data { get; init; } = "";
    }
}
