using System.Runtime.CompilerServices;
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
internal sealed class OutboxStore(OrdersDbContext dbContext, SqliteWriteGate writeGate, IOptions<DatabaseOptions> databaseOptions, TimeProvider timeProvider)
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
        RETURNING m.id AS "Id", m.type AS "Type", m.payload AS "Payload", m.occurred_at AS "OccurredAt", m.attempts AS "Attempts"
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
        RETURNING id AS "Id", type AS "Type", payload AS "Payload", occurred_at AS "OccurredAt", attempts AS "Attempts"
        """;

    public async Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimAsync(int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var now = UtcNow();
        using var entered = await writeGate.EnterAsync(cancellationToken);
        var rows = databaseOptions.Value.Provider == DatabaseProvider.Postgres
            ? dbContext.Database.SqlQueryRaw<ClaimedRow>(PostgresClaim, token, lease, now, limit)
            : dbContext.Database.SqlQueryRaw<ClaimedRow>(SqliteClaim, token, $"+{lease.TotalSeconds:F3} seconds", now, limit);
        var claimed = await rows.ToListAsync(cancellationToken);
        return claimed.Select(row => new ClaimedOutboxMessage(row.Id, row.Type, row.Payload, row.OccurredAt, row.Attempts, token)).ToList();
    }

    /// <summary>
    /// Records outcomes in one transaction: each row whose claim is still held is released with its outcome,
    /// and its order changes with it, all or nothing. Returns the ids of the rows recorded; the others were
    /// taken over by another dispatcher after their lease ran out, and their outcomes change nothing.
    /// </summary>
    public async Task<IReadOnlySet<Guid>> RecordAsync(IReadOnlyCollection<DispatchOutcome> outcomes)
    {
        dbContext.Database.AutoSavepointsEnabled = false; // all or nothing: no savepoint needed
        using var entered = await writeGate.EnterAsync(CancellationToken.None);
        await using var transaction = await dbContext.Database.BeginTransactionAsync(CancellationToken.None);
        var held = new HashSet<Guid>();
        foreach (var claim in outcomes.GroupBy(outcome => outcome.Message.LockToken))
        {
            held.UnionWith(await ReleaseAsync(claim.Key, claim.Select(outcome => outcome.Message.Id).ToList()));
        }

        var recorded = outcomes.Where(outcome => held.Contains(outcome.Message.Id)).ToList();
        await WriteOutcomesAsync(recorded);
        await ChangeOrdersAsync(recorded);
        await transaction.CommitAsync(CancellationToken.None);
        return held;
    }

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

    // One statement per claim releases the rows still held under its token and says which they were.
    private async Task<List<Guid>> ReleaseAsync(Guid token, IReadOnlyList<Guid> ids)
    {
        var placeholders = string.Join(", ", ids.Select((_, index) => $"{{{index + 1}}}"));
        var release = FormattableStringFactory.Create(
            "UPDATE outbox_messages SET lock_token = NULL, locked_until = NULL WHERE lock_token = {0} AND id IN (" + placeholders + ") RETURNING id AS \"Value\"",
            [token, .. ids.Cast<object>()]);
        return await dbContext.Database.SqlQuery<Guid>(release).ToListAsync(CancellationToken.None);
    }

    private async Task WriteOutcomesAsync(IReadOnlyList<DispatchOutcome> outcomes)
    {
        var now = UtcNow();
        var placed = outcomes.OfType<DispatchOutcome.Placed>().Select(outcome => outcome.Message.Id).ToList();
        if (placed.Count > 0)
        {
            await dbContext.OutboxMessages.Where(row => placed.Contains(row.Id)).ExecuteUpdateAsync(
                rows => rows.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
        }

        // Held back, they come by the batch during an outage: one statement. They are due again when the soonest may
        // be sent; one sent too early is only held back again.
        var notAttempted = outcomes.OfType<DispatchOutcome.NotAttempted>().ToList();
        if (notAttempted.Count > 0)
        {
            var ids = notAttempted.Select(outcome => outcome.Message.Id).ToList();
            var dueAt = now + notAttempted.Min(outcome => outcome.Delay);
            await dbContext.OutboxMessages.Where(row => ids.Contains(row.Id)).ExecuteUpdateAsync(
                rows => rows.SetProperty(m => m.Attempts, m => m.Attempts - 1).SetProperty(m => m.NextAttemptAt, dueAt), CancellationToken.None);
        }

        // Failures are few and each has its own values: one statement each.
        foreach (var outcome in outcomes)
        {
            var row = dbContext.OutboxMessages.Where(m => m.Id == outcome.Message.Id);
            switch (outcome)
            {
                case DispatchOutcome.Retry retry:
                    await row.ExecuteUpdateAsync(
                        rows => rows.SetProperty(m => m.NextAttemptAt, now + retry.Delay).SetProperty(m => m.LastError, Truncate(retry.Error)),
                        CancellationToken.None);
                    break;
                case DispatchOutcome.DeadLettered deadLettered:
                    await row.ExecuteUpdateAsync(
                        rows => rows.SetProperty(m => m.DeadLetteredAt, now).SetProperty(m => m.LastError, Truncate(deadLettered.Reason)),
                        CancellationToken.None);
                    break;
            }
        }
    }

    private async Task ChangeOrdersAsync(IReadOnlyList<DispatchOutcome> outcomes)
    {
        var now = timeProvider.GetUtcNow();
        var changes = new List<(Guid OrderId, Action<Order> Change)>();
        foreach (var outcome in outcomes)
        {
            switch (outcome)
            {
                case DispatchOutcome.Placed placed:
                    changes.Add((placed.OrderId, order => order.MarkPlaced(placed.ExchangeOrderId, now)));
                    break;
                case DispatchOutcome.DeadLettered { OrderId: { } orderId } deadLettered:
                    changes.Add((orderId, order => order.MarkFailed(Truncate(deadLettered.Reason), now)));
                    break;
            }
        }

        if (changes.Count == 0)
        {
            return;
        }

        var orderIds = changes.Select(change => change.OrderId).Distinct().ToList();
        var orders = await dbContext.Orders.Where(order => orderIds.Contains(order.Id)).ToDictionaryAsync(order => order.Id, CancellationToken.None);
        foreach (var (orderId, change) in changes)
        {
            if (orders.TryGetValue(orderId, out var order))
            {
                change(order);
            }
        }

        await dbContext.SaveChangesAsync(CancellationToken.None);
    }

    private DateTime UtcNow() => timeProvider.GetUtcNow().UtcDateTime;

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];

    private sealed class ClaimedRow
    {
        public Guid Id { get; init; }

        public string Type { get; init; } = "";

        public string Payload { get; init; } = "";

        public DateTime OccurredAt { get; init; }

        public int Attempts { get; init; }
    }
}
