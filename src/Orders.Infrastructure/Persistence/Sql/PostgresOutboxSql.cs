namespace Orders.Infrastructure.Persistence.Sql;

internal sealed class PostgresOutboxSql : IOutboxSql
{
    // READ COMMITTED re-checks the WHERE clause of a row another claim has just updated, and SKIP LOCKED
    // lets concurrent claims pass each other instead of queueing, so no row is ever claimed twice.
    public FormattableString Claim(Guid token, TimeSpan lease, DateTime now, int limit) => $"""
        UPDATE outbox_messages AS m
        SET lock_token = {token}, locked_until = now() + {lease}, attempts = m.attempts + 1
        WHERE m.id IN (
            SELECT id FROM outbox_messages
            WHERE processed_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= {now}
              AND (locked_until IS NULL OR locked_until < now())
            ORDER BY next_attempt_at
            LIMIT {limit}
            FOR UPDATE SKIP LOCKED)
        RETURNING m.id AS "Id", m.type AS "Type", m.payload AS "Payload", m.occurred_at AS "OccurredAt", m.attempts AS "Attempts"
        """;
}
