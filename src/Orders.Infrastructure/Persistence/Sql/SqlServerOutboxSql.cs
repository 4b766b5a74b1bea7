using System.Runtime.CompilerServices;

namespace Orders.Infrastructure.Persistence.Sql;

/// <summary>
/// The outbox on SQL Server, under READ COMMITTED (with or without READ_COMMITTED_SNAPSHOT: the claim's hints read
/// the rows locked, not from a snapshot). Leases are timed on the database's clock (SYSUTCDATETIME), and claimed or
/// released rows are returned through a table variable: OUTPUT straight to the client is refused on a table with a
/// trigger.
/// </summary>
internal sealed class SqlServerOutboxSql : IOutboxSql
{
    // UPDLOCK + READPAST + ROWLOCK is SQL Server's SKIP LOCKED: concurrent claims pass each other's rows instead of
    // queueing, and a row is updated by one claim only. Ordering keys as on the other providers.
    public FormattableString Claim(Guid token, TimeSpan lease, DateTime now, int limit) => $"""
        DECLARE @claimed TABLE (
            Id uniqueidentifier, Type nvarchar(128), Payload nvarchar(max), OccurredAt datetime2, Attempts int,
            OrderingKey nvarchar(128), TraceParent nvarchar(max), TraceLink nvarchar(max));
        WITH due AS (
            SELECT TOP ({limit}) lock_token, locked_until, attempts, id, type, payload, occurred_at, ordering_key, trace_parent, trace_link
            FROM outbox_messages AS candidate WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE processed_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= {now}
              AND (locked_until IS NULL OR locked_until < SYSUTCDATETIME())
              AND (ordering_key IS NULL OR NOT EXISTS (
                  SELECT 1 FROM outbox_messages AS other
                  WHERE other.ordering_key = candidate.ordering_key AND other.id <> candidate.id
                    AND other.processed_at IS NULL AND other.dead_lettered_at IS NULL
                    AND (other.occurred_at < candidate.occurred_at
                         OR (other.occurred_at = candidate.occurred_at AND other.id < candidate.id)
                         OR other.locked_until >= SYSUTCDATETIME())))
            ORDER BY next_attempt_at)
        UPDATE due
        SET lock_token = {token}, locked_until = DATEADD(millisecond, {(int)lease.TotalMilliseconds}, SYSUTCDATETIME()), attempts = attempts + 1
        OUTPUT inserted.id, inserted.type, inserted.payload, inserted.occurred_at, inserted.attempts,
            inserted.ordering_key, inserted.trace_parent, inserted.trace_link INTO @claimed;
        SELECT Id, Type, Payload, OccurredAt, Attempts, OrderingKey, TraceParent, TraceLink FROM @claimed;
        """;

    public FormattableString Release(Guid token, IReadOnlyList<Guid> ids) => FormattableStringFactory.Create(
        "DECLARE @released TABLE (Value uniqueidentifier); "
            + "UPDATE outbox_messages SET lock_token = NULL, locked_until = NULL OUTPUT inserted.id INTO @released "
            + $"WHERE lock_token = {{0}} AND id IN ({IOutboxSql.Placeholders(ids, from: 1)}); "
            + "SELECT Value FROM @released;",
        [token, .. ids.Cast<object>()]);
}
