namespace Orders.Infrastructure.Persistence.Sql;

internal sealed class PostgresOutboxSql : IOutboxSql
{
    // READ COMMITTED re-checks the WHERE clause of a row another claim has just updated, and SKIP LOCKED
    // lets concurrent claims pass each other instead of queueing, so no row is ever claimed twice. A row with an
    // ordering key waits while an earlier unfinished row with its key exists (claimed or not) or another row with
    // its key is claimed: a key's rows go one at a time, in order.
    public FormattableString Claim(Guid token, TimeSpan lease, DateTime now, int limit) => $"""
        UPDATE outbox_messages AS m
        SET lock_token = {token}, locked_until = now() + {lease}, attempts = m.attempts + 1
        WHERE m.id IN (
            SELECT id FROM outbox_messages AS candidate
            WHERE processed_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= {now}
              AND (locked_until IS NULL OR locked_until < now())
              AND (ordering_key IS NULL OR NOT EXISTS (
                  SELECT 1 FROM outbox_messages AS other
                  WHERE other.ordering_key = candidate.ordering_key AND other.id <> candidate.id
                    AND other.processed_at IS NULL AND other.dead_lettered_at IS NULL
                    AND ((other.occurred_at, other.id) < (candidate.occurred_at, candidate.id) OR other.locked_until >= now())))
            ORDER BY next_attempt_at
            LIMIT {limit}
            FOR UPDATE SKIP LOCKED)
        RETURNING m.id AS "Id", m.type AS "Type", m.payload AS "Payload", m.occurred_at AS "OccurredAt", m.attempts AS "Attempts",
            m.ordering_key AS "OrderingKey", m.trace_parent AS "TraceParent", m.trace_link AS "TraceLink"
        """;
}
