using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Orders.Infrastructure.Persistence;

/// <summary>
/// WAL lets readers run beside the single writer, and a busy timeout makes a writer wait for the lock
/// instead of failing; EF's transactions on SQLite begin IMMEDIATE, so the lock is taken up front.
/// <c>synchronous</c> is the configured durability of a commit (<see cref="DatabaseOptions.SqliteSynchronous"/>).
/// </summary>
internal sealed class SqlitePragmasInterceptor(IOptions<DatabaseOptions> options) : DbConnectionInterceptor
{
    private const string ReadOnlyPragmas = "PRAGMA busy_timeout = 10000;";

    // Switching to WAL writes the file header, which a read-only connection cannot do on a file not yet
    // in WAL (EF opens one to ask whether an existing, still empty file is a database).
    private readonly string _pragmas = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {(int)options.Value.SqliteSynchronous}; {ReadOnlyPragmas}";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreatePragmasCommand(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreatePragmasCommand(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand CreatePragmasCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = IsReadOnly((SqliteConnection)connection) ? ReadOnlyPragmas : _pragmas;
        return command;
    }

    private static bool IsReadOnly(SqliteConnection connection) =>
        SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1;
}
