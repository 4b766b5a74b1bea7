using Npgsql;
using NpgsqlTypes;
using static Orders.Bench.Baseline.PostgresBatch;

namespace Orders.Bench.Baseline;

/// <summary>One pooled connection per order; the three inserts go in one batch, then the commit.</summary>
internal sealed class PostgresOrderWriter(string connectionString) : IOrderWriter
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task WriteAsync(NewOrder order, CancellationToken cancellationToken)
    {
        var request = order.Request;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command(
                    "INSERT INTO orders (id, created_at, type, side, instrument, limit_price, quantity, status, account_id, filled_quantity, trace_parent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10)",
                    order.Id, order.CreatedAt, request.Type.ToString(), request.Side.ToString(), request.Instrument,
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = (object?)request.LimitPrice ?? DBNull.Value },
                    request.Quantity, NewOrder.Status, NewOrder.Account, (object?)order.TraceParent ?? DBNull.Value),
                Command(
                    "INSERT INTO order_status_changes (order_id, status, changed_at) VALUES ($1, $2, $3)",
                    order.Id, NewOrder.Status, order.CreatedAt),
                Command(
                    "INSERT INTO outbox_messages (id, type, payload, occurred_at, attempts, next_attempt_at, trace_parent) VALUES ($1, $2, $3, $4, 0, $4, $5)",
                    order.MessageId, NewOrder.MessageType, order.Payload, order.CreatedAt, (object?)order.TraceParent ?? DBNull.Value),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
