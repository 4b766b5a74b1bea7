using System.Runtime.CompilerServices;
using Orders.Application.Abstractions.Persistence;

namespace Orders.Infrastructure.Persistence.Sql;

/// <summary>
/// SQL Server gives each event a rowversion as it is written (row_version, unique in the database), in write order,
/// not commit order. MIN_ACTIVE_ROWVERSION() is the lowest rowversion of a transaction still open: every event below
/// it has committed (or rolled back) and none can still appear there. It is read in a statement of its own, before the
/// events: under READ_COMMITTED_SNAPSHOT a statement reads as of its start, and a frontier taken later in the same
/// statement could pass an event committed after that start. The log's order is (row_version, position).
/// </summary>
internal sealed class SqlServerOrderEventsSql : IOrderEventsSql
{
    public FormattableString Now => $"SELECT CAST(MIN_ACTIVE_ROWVERSION() AS bigint) AS [Commit], CAST(0 AS bigint) AS Position";

    public FormattableString ReadAfter(OrderEventPosition after, Guid accountId, Guid? orderId, int limit) => FormattableStringFactory.Create(
        $$"""
        DECLARE @frontier binary(8) = MIN_ACTIVE_ROWVERSION();
        SELECT TOP ({2}) CAST(row_version AS bigint) AS [Commit], position AS Position, data AS Data
        FROM order_events
        WHERE (row_version > CAST({0} AS binary(8)) OR (row_version = CAST({0} AS binary(8)) AND position > {1}))
          AND row_version < @frontier{{IOrderEventsSql.OfAccount}}{{IOrderEventsSql.OfOrder(orderId)}}
        ORDER BY row_version, position;
        """,
        IOrderEventsSql.Arguments(after.Commit, after.Position, limit, accountId, orderId));
}
