using Orders.Infrastructure.Outbox;

namespace Orders.Infrastructure.Executions;

/// <summary>The inbox statement whose SQL differs by database provider.</summary>
internal interface IExecutionInboxSql
{
    /// <summary>
    /// One statement: inserts the report unless its execution id is stored, and the report's outbox message only if the
    /// report was inserted. An insert of an execution id another open transaction has inserted waits for that
    /// transaction, then inserts nothing if it committed. Affects no row when the report was stored already. The
    /// message's trace parent is its order's journey, read in the statement (null for an unknown order).
    /// </summary>
    FormattableString StoreIfAbsent(ReceivedExecutionReport report, OutboxMessage message);
}

/// <summary>PostgreSQL: the report's insert does nothing on conflict and returns what it inserted, which the message's insert selects from.</summary>
internal sealed class PostgresExecutionInboxSql : IExecutionInboxSql
{
    public FormattableString StoreIfAbsent(ReceivedExecutionReport report, OutboxMessage message) => $"""
        WITH stored AS (
            INSERT INTO execution_reports (execution_id, session_id, sequence, client_order_id, payload, received_at)
            VALUES ({report.ExecutionId}, {report.SessionId}, {report.Sequence}, {report.ClientOrderId}, {report.Payload}, {report.ReceivedAt})
            ON CONFLICT (execution_id) DO NOTHING
            RETURNING execution_id)
        INSERT INTO outbox_messages (id, type, payload, occurred_at, ordering_key, attempts, next_attempt_at, trace_parent, trace_link)
        SELECT {message.Id}, {message.Type}, {message.Payload}, {message.OccurredAt}, {message.OrderingKey}, 0, {message.NextAttemptAt},
            (SELECT o.trace_parent FROM orders AS o WHERE o.id = {report.ClientOrderId}), {message.TraceLink}
        FROM stored
        """;
}

/// <summary>
/// SQLite has no INSERT in a WITH: two statements in the one command, the second inserting only when the first did
/// (changes()). Its single writer settles races.
/// </summary>
internal sealed class SqliteExecutionInboxSql : IExecutionInboxSql
{
    public FormattableString StoreIfAbsent(ReceivedExecutionReport report, OutboxMessage message) => $"""
        INSERT INTO execution_reports (execution_id, session_id, sequence, client_order_id, payload, received_at)
        VALUES ({report.ExecutionId}, {report.SessionId}, {report.Sequence}, {report.ClientOrderId}, {report.Payload}, {report.ReceivedAt})
        ON CONFLICT (execution_id) DO NOTHING;
        INSERT INTO outbox_messages (id, type, payload, occurred_at, ordering_key, attempts, next_attempt_at, trace_parent, trace_link)
        SELECT {message.Id}, {message.Type}, {message.Payload}, {message.OccurredAt}, {message.OrderingKey}, 0, {message.NextAttemptAt},
            (SELECT o.trace_parent FROM orders AS o WHERE o.id = {report.ClientOrderId}), {message.TraceLink}
        WHERE changes() = 1;
        """;
}

/// <summary>
/// SQL Server has no ON CONFLICT: the existence check takes an update range lock on the execution id (UPDLOCK,
/// HOLDLOCK), so of two transactions inserting one id the second waits for the first, then finds it; the message is
/// inserted only when the report was (@@ROWCOUNT).
/// </summary>
internal sealed class SqlServerExecutionInboxSql : IExecutionInboxSql
{
    public FormattableString StoreIfAbsent(ReceivedExecutionReport report, OutboxMessage message) => $"""
        INSERT INTO execution_reports (execution_id, session_id, sequence, client_order_id, payload, received_at)
        SELECT {report.ExecutionId}, {report.SessionId}, {report.Sequence}, {report.ClientOrderId}, {report.Payload}, {report.ReceivedAt}
        WHERE NOT EXISTS (SELECT 1 FROM execution_reports WITH (UPDLOCK, HOLDLOCK) WHERE execution_id = {report.ExecutionId});
        IF @@ROWCOUNT = 1
            INSERT INTO outbox_messages (id, type, payload, occurred_at, ordering_key, attempts, next_attempt_at, trace_parent, trace_link)
            VALUES ({message.Id}, {message.Type}, {message.Payload}, {message.OccurredAt}, {message.OrderingKey}, 0, {message.NextAttemptAt},
                (SELECT o.trace_parent FROM orders AS o WHERE o.id = {report.ClientOrderId}), {message.TraceLink});
        """;
}
