namespace Orders.Infrastructure.Persistence.Sql;

internal sealed class SqliteOutboxSql : IOutboxSql
{
    // SQLite has a single writer: the UPDATE is atomic on its own. Times are stored as sortable UTC text.
    public FormattableString Claim(Guid token, TimeSpan lease, DateTime now, int limit) => $"""
        UPDATE outbox_messages
        SET lock_token = {token}, locked_until = strftime('%Y-%m-%d %H:%M:%f', 'now', {$"+{lease.TotalSeconds:F3} seconds"}), attempts = attempts + 1
        WHERE id IN (
            SELECT id FROM outbox_messages
            WHERE processed_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= {now}
              AND (locked_until IS NULL OR locked_until < strftime('%Y-%m-%d %H:%M:%f', 'now'))
            ORDER BY next_attempt_at
            LIMIT {limit})
        RETURNING id AS "Id", type AS "Type", payload AS "Payload", occurred_at AS "OccurredAt", attempts AS "Attempts"
        """;
}
