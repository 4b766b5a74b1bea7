using Microsoft.EntityFrameworkCore;
using Orders.Infrastructure.Persistence;
using Orders.Infrastructure.Persistence.Sql;

namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>
/// Takes due rows: one conditional UPDATE (the provider's <see cref="IOutboxSql"/>) claims them under a fresh
/// token with a lease measured by the database's clock; every later write is guarded by that token, so a relay
/// whose lease was taken over changes nothing.
/// </summary>
internal sealed class OutboxClaims(OrdersDbContext dbContext, IOutboxSql sql, SqliteWriteGate writeGate, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimAsync(int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        using var entered = await writeGate.EnterAsync(cancellationToken);
        var claimed = await dbContext.Database
            .SqlQuery<ClaimedRow>(sql.Claim(token, lease, timeProvider.GetUtcNow().UtcDateTime, limit))
            .ToListAsync(cancellationToken);
        return claimed
            .Select(row => new ClaimedOutboxMessage(row.Id, row.Type, row.Payload, row.OccurredAt, row.Attempts, token, row.OrderingKey, row.TraceParent, row.TraceLink))
            .ToList();
    }

    private sealed class ClaimedRow
    {
        public Guid Id { get; init; }

        public string Type { get; init; } = "";

        public string Payload { get; init; } = "";

        public DateTime OccurredAt { get; init; }

        public int Attempts { get; init; }

        public string? OrderingKey { get; init; }

        public string? TraceParent { get; init; }

        public string? TraceLink { get; init; }
    }
}
