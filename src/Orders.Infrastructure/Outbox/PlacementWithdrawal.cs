using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Messaging;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Outbox;

/// <summary>
/// Deletes an order's placement row in one statement guarded by "unfinished, unclaimed, never attempted"; its row
/// count decides. The database checks the guard against the row as the statement takes it: PostgreSQL re-checks a row
/// a concurrent claim has just updated, SQL Server reads the target rows under update locks, and SQLite runs one write
/// transaction at a time. A claim that commits first has counted its attempt, so the delete finds nothing; a claim
/// after it finds no row (PostgreSQL and SQL Server claims skip the row while the delete holds it).
/// </summary>
internal sealed class PlacementWithdrawal(OrdersDbContext dbContext) : IPlacementWithdrawal
{
    public async Task<bool> TryWithdrawAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var orderingKey = orderId.ToString();

        // A held-back delivery is released with its attempt taken back: it never reached the exchange either.
        var withdrawn = await dbContext.OutboxMessages
            .Where(message => message.OrderingKey == orderingKey && message.Type == OutboxEventTypes.OrderAccepted
                && message.ProcessedAt == null && message.DeadLetteredAt == null
                && message.Attempts == 0 && message.LockToken == null)
            .ExecuteDeleteAsync(cancellationToken);
        return withdrawn > 0;
    }
}
