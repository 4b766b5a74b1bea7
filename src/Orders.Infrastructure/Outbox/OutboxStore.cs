using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orders.Domain.Orders;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Outbox;

/// <summary>
/// The outbox's database side. A claim is one conditional UPDATE that takes due, unclaimed rows under a
/// fresh token with a lease measured by the database's clock; every later write is guarded by that
/// token, so a dispatcher whose lease was taken over changes nothing.
/// </summary>
internal sealed class OutboxStore(OrdersDbContext dbContext, IOptions<DatabaseOptions> databaseOptions, TimeProvider timeProvider)
{
    // READ COMMITTED re-checks the WHERE clause of a row another claim has just updated, and SKIP LOCKED
    // lets concurrent claims pass each other instead of queueing, so no row is ever claimed twice.
    private const string PostgresClaim = """
        UPDATE outbox_messages AS m
        SET lock_token = {0}, locked_until = now() + {1}, attempts = m.attempts + 1
        WHERE m.id IN (
            SELECT id FROM outbox_messages
            WHERE processed_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= {2}
              AND (locked_until IS NULL OR locked_until < now())
            ORDER BY next_attempt_at
            LIMIT {3}
            FOR UPDATE SKIP LOCKED)
        RETURNING m.id AS "Id", m.type AS "Type", m.payload AS "Payload", m.attempts AS "Attempts"
        """;

    // SQLite has a single writer: the UPDATE is atomic on its own. Times are stored as sortable UTC text.
    private const string SqliteClaim = """
        UPDATE outbox_messages
        SET lock_token = {0}, locked_until = strftime('%Y-%m-%d %H:%M:%f', 'now', {1}), attempts = attempts + 1
        WHERE id IN (
            SELECT id FROM outbox_messages
            WHERE processed_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= {2}
              AND (locked_until IS NULL OR locked_until < strftime('%Y-%m-%d %H:%M:%f', 'now'))
            ORDER BY next_attempt_at
            LIMIT {3})
        RETURNING id AS "Id", type AS "Type", payload AS "Payload", attempts AS "Attempts"
        """;

    public async Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimAsync(int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var now = UtcNow();
        var rows = databaseOptions.Value.Provider == DatabaseProvider.Postgres
            ? dbContext.Database.SqlQueryRaw<ClaimedRow>(PostgresClaim, token, lease, now, limit)
            : dbContext.Database.SqlQueryRaw<ClaimedRow>(SqliteClaim, token, $"+{lease.TotalSeconds:F3} seconds", now, limit);
        var claimed = await rows.ToListAsync(cancellationToken);
        return claimed.Select(row => new ClaimedOutboxMessage(row.Id, row.Type, row.Payload, row.Attempts, token)).ToList();
    }

    /// <summary>The exchange confirmed: the row is done and the order placed, together or not at all.</summary>
    public Task<bool> RecordPlacedAsync(ClaimedOutboxMessage message, Guid orderId, string exchangeOrderId) =>
        InClaimAsync(message, rows => rows.SetProperty(m => m.ProcessedAt, UtcNow()).SetProperty(m => m.LastError, (string?)null), orderId,
            order => order.MarkPlaced(exchangeOrderId, timeProvider.GetUtcNow()));

    /// <summary>A transient failure: the row waits for its next attempt.</summary>
    public Task<bool> RecordRetryAsync(ClaimedOutboxMessage message, string error, TimeSpan delay) =>
        InClaimAsync(message, rows => rows.SetProperty(m => m.NextAttemptAt, UtcNow() + delay).SetProperty(m => m.LastError, Truncate(error)), null, null);

    /// <summary>Given up: the row stays as a dead letter, and the order (when there is one) fails with the reason.</summary>
    public Task<bool> RecordDeadLetterAsync(ClaimedOutboxMessage message, string reason, Guid? orderId) =>
        InClaimAsync(message, rows => rows.SetProperty(m => m.DeadLetteredAt, UtcNow()).SetProperty(m => m.LastError, Truncate(reason)), orderId,
            order => order.MarkFailed(Truncate(reason), timeProvider.GetUtcNow()));

    /// <summary>Deletes processed rows older than the retention, a batch at a time so no statement runs long.</summary>
    public Task<int> PurgeProcessedAsync(TimeSpan retention, int batchSize, CancellationToken cancellationToken)
    {
        var cutoff = UtcNow() - retention;
        return BatchedDelete.DeleteAllAsync(
            dbContext.OutboxMessages.Where(message => message.ProcessedAt != null && message.ProcessedAt < cutoff).OrderBy(message => message.ProcessedAt),
            batchSize,
            cancellationToken);
    }

    public async Task<OutboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        var unfinished = dbContext.OutboxMessages.AsNoTracking().Where(message => message.ProcessedAt == null && message.DeadLetteredAt == null);
        var pending = await unfinished.CountAsync(cancellationToken);
        var claimed = await unfinished.CountAsync(message => message.LockToken != null, cancellationToken);
        var oldest = await unfinished.OrderBy(message => message.OccurredAt).Select(message => (DateTime?)message.OccurredAt).FirstOrDefaultAsync(cancellationToken);
        var deadLetters = await dbContext.OutboxMessages.CountAsync(message => message.DeadLetteredAt != null, cancellationToken);
        return new OutboxStatistics(pending, claimed, oldest is null ? null : UtcNow() - oldest.Value, deadLetters);
    }

    private async Task<bool> InClaimAsync(
        ClaimedOutboxMessage message,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxMessage>> outcome,
        Guid? orderId,
        Action<Order>? changeOrder)
    {
        dbContext.Database.AutoSavepointsEnabled = false; // all or nothing: no savepoint needed
        await using var transaction = await dbContext.Database.BeginTransactionAsync(CancellationToken.None);
        var updated = await dbContext.OutboxMessages
            .Where(row => row.Id == message.Id && row.LockToken == message.LockToken)
            .ExecuteUpdateAsync(
                rows =>
                {
                    outcome(rows);
                    rows.SetProperty(m => m.LockToken, (Guid?)null).SetProperty(m => m.LockedUntil, (DateTime?)null);
                },
                CancellationToken.None);
        if (updated == 0)
        {
            return false;
        }

        if (orderId is { } id && changeOrder is not null && await dbContext.Orders.SingleOrDefaultAsync(order => order.Id == id, CancellationToken.None) is { } order)
        {
            changeOrder(order);
            await dbContext.SaveChangesAsync(CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    private DateTime UtcNow() => timeProvider.GetUtcNow().UtcDateTime;

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];

    private sealed class ClaimedRow
    {
        public Guid Id { get; init; }

        public string Type { get; init; } = "";

        public string Payload { get; init; } = "";

        public int Attempts { get; init; }
    }
}
