using System.Runtime.CompilerServices;

namespace Orders.Infrastructure.Persistence.Sql;

/// <summary>
/// The statement that locks orders' rows until the transaction ends, so that a writer reads an order only once no
/// other writer can still commit a change to it: without it, the relay recording a placement and a client's cancel
/// could each change the order they read before the other's commit, and the later commit would undo the earlier one.
/// </summary>
internal interface IOrderLockSql
{
    /// <summary>Locks the rows in id order (so two writers of several orders never wait for each other); null where nothing needs locking.</summary>
    FormattableString? Lock(IReadOnlyList<Guid> ids);
}

internal sealed class PostgresOrderLockSql : IOrderLockSql
{
    public FormattableString Lock(IReadOnlyList<Guid> ids) => $"""SELECT id AS "Value" FROM orders WHERE id = ANY({ids.ToArray()}) ORDER BY id FOR UPDATE""";
}

internal sealed class SqlServerOrderLockSql : IOrderLockSql
{
    public FormattableString Lock(IReadOnlyList<Guid> ids) => FormattableStringFactory.Create(
        $"SELECT id AS Value FROM orders WITH (UPDLOCK, HOLDLOCK, ROWLOCK) WHERE id IN ({string.Join(", ", ids.Select((_, index) => $"{{{index}}}"))}) ORDER BY id",
        [.. ids.Cast<object>()]);
}

/// <summary>SQLite: a write transaction begins IMMEDIATE, holding the database's one write lock from its start.</summary>
internal sealed class SqliteOrderLockSql : IOrderLockSql
{
    public FormattableString? Lock(IReadOnlyList<Guid> ids) => null;
}
