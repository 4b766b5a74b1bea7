using System.Globalization;

namespace Orders.Infrastructure.Persistence.Sql;

internal sealed class SqliteOutboxSql : IOutboxSql
{
    // SQLite has a single writer: the UPDATE is atomic on its own. Times are stored as sortable UTC text, and so are
    // ids (version 7: in creation order). A row with an ordering key waits while an earlier unfinished row with its
    // key exists (claimed or not) or another row with its key is claimed: a key's rows go one at a time, in order.
    public FormattableString Claim(Guid token, TimeSpan lease, DateTime now, int limit) => $"""
        UPDATE outbox_messages
        SET lock_token = {token}, locked_until = strftime('%Y-%m-%d %H:%M:%f', 'now', {string.Create(CultureInfo.InvariantCulture, $"+{lease.TotalSeconds:F3} seconds")}), attempts = attempts + 1
        WHERE id IN (
            SELECT id FROM outbox_messages AS candidate
            WHERE processed_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= {now}
              AND (locked_until IS NULL OR locked_until < strftime('%Y-%m-%d %H:%M:%f', 'now'))
              AND (ordering_key IS NULL OR NOT EXISTS (
                  SELECT 1 FROM outbox_messages AS other
                  WHERE other.ordering_key = candidate.ordering_key AND other.id <> candidate.id
                    AND other.processed_at IS NULL AND other.dead_lettered_at IS NULL
                    AND ((other.occurred_at, other.id) < (candidate.occurred_at, candidate.id)
                         OR other.locked_until >= strftime('%Y-%m-%d %H:%M:%f', 'now'))))
            ORDER BY next_attempt_at
            LIMIT {limit})
        RETURNING id AS "Id", type AS "Type", payload AS "Payload", occurred_at AS "OccurredAt", attempts AS "Attempts",
            ordering_key AS "OrderingKey", trace_parent AS "TraceParent", trace_link AS "TraceLink"
        """;
}
