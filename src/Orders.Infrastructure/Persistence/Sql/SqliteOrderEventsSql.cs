using System.Runtime.CompilerServices;
using Orders.Application.Abstractions.Persistence;

namespace Orders.Infrastructure.Persistence.Sql;

/// <summary>
/// SQLite has one writer at a time (SqliteWriteGate in the process, SQLite's write lock across processes), held from a
/// transaction's first write to its commit: positions are given out, and committed, in order. The position is the
/// commit order, so an event's place is (position, position).
/// </summary>
internal sealed class SqliteOrderEventsSql : IOrderEventsSql
{
    public FormattableString Now => $"""SELECT COALESCE(MAX(position), 0) AS "Commit", COALESCE(MAX(position), 0) AS "Position" FROM order_events""";

    public FormattableString ReadAfter(OrderEventPosition after, Guid accountId, Guid? orderId, int limit) => FormattableStringFactory.Create(
        $$"""
        SELECT position AS "Commit", position AS "Position", data AS "Data"
        FROM order_events
        WHERE position > {1}{{IOrderEventsSql.OfAccount}}{{IOrderEventsSql.OfOrder(orderId)}}
        ORDER BY position
        LIMIT {2}
        """,
        IOrderEventsSql.Arguments(after.Commit, after.Position, limit, accountId, orderId));
}
