using System.Runtime.CompilerServices;
using Orders.Application.Abstractions.Persistence;

namespace Orders.Infrastructure.Persistence.Sql;

/// <summary>
/// PostgreSQL hands out an identity's values as transactions insert, not as they commit: a transaction that inserted
/// position 7 may commit after one that inserted 8, and a reader that went by position would already be past 7. So
/// each event stores the id of its transaction (transaction_id, pg_current_xact_id()), and a reader takes only the
/// events of transactions older than the oldest one still running (the xmin of its statement's snapshot): those have
/// all ended, and a transaction that can still commit has an id of at least that xmin, so its events land above every
/// place a reader has reached. The log's order is (transaction_id, position). A long transaction anywhere on the
/// server, even one that writes no event, holds the stream back until it ends; it never makes a reader skip.
/// </summary>
internal sealed class PostgresOrderEventsSql : IOrderEventsSql
{
    private const string OldestRunning = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    public FormattableString Now => FormattableStringFactory.Create($"""SELECT {OldestRunning} AS "Commit", 0::bigint AS "Position" """);

    public FormattableString ReadAfter(OrderEventPosition after, Guid accountId, Guid? orderId, int limit) => FormattableStringFactory.Create(
        $$"""
        SELECT transaction_id AS "Commit", position AS "Position", data AS "Data"
        FROM order_events
        WHERE (transaction_id, position) > ({0}, {1}) AND transaction_id < {{OldestRunning}}{{IOrderEventsSql.OfAccount}}{{IOrderEventsSql.OfOrder(orderId)}}
        ORDER BY transaction_id, position
        LIMIT {2}
        """,
        IOrderEventsSql.Arguments(after.Commit, after.Position, limit, accountId, orderId));
}
