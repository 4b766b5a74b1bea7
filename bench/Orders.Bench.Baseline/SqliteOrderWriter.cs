using Microsoft.Data.Sqlite;

namespace Orders.Bench.Baseline;

/// <summary>
/// SQLite has one writer: one connection, one order at a time, with the service's pragmas (WAL, synchronous
/// NORMAL) and its stored formats (upper-case GUID text, times as text).
/// </summary>
internal sealed class SqliteOrderWriter : IOrderWriter
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _writer = new(1, 1);

    public SqliteOrderWriter(string connectionString)
    {
        SQLitePCL.Batteries_V2.Init();
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using var pragmas = _connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
        pragmas.ExecuteNonQuery();
    }

    public async Task WriteAsync(NewOrder order, CancellationToken cancellationToken)
    {
        var request = order.Request;
        var id = order.Id.ToString().ToUpperInvariant();
        await _writer.WaitAsync(cancellationToken);
        try
        {
            using var transaction = _connection.BeginTransaction();
            Execute(
                transaction,
                "INSERT INTO orders (id, created_at, type, side, instrument, limit_price, quantity, status, account_id, filled_quantity, trace_parent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10)",
                id, order.CreatedAt, request.Type.ToString(), request.Side.ToString(), request.Instrument, (object?)request.LimitPrice ?? DBNull.Value,
                request.Quantity, NewOrder.Status, NewOrder.Account.ToString().ToUpperInvariant(), (object?)order.TraceParent ?? DBNull.Value);
            Execute(transaction, "INSERT INTO order_status_changes (order_id, status, changed_at) VALUES ($1, $2, $3)", id, NewOrder.Status, order.CreatedAt);
            Execute(
                transaction,
                "INSERT INTO outbox_messages (id, type, payload, occurred_at, attempts, next_attempt_at, trace_parent) VALUES ($1, $2, $3, $4, 0, $4, $5)",
                order.MessageId.ToString().ToUpperInvariant(), NewOrder.MessageType, order.Payload, order.CreatedAt, (object?)order.TraceParent ?? DBNull.Value);
            transaction.Commit();
        }
        finally
        {
            _writer.Release();
        }
    }

    private void Execute(SqliteTransaction transaction, string sql, params object[] values)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue($"${i + 1}", values[i]);
        }

        command.ExecuteNonQuery();
    }
}
