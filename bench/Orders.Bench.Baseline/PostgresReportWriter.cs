using System.Globalization;
using Npgsql;
using static Orders.Bench.Baseline.PostgresBatch;

namespace Orders.Bench.Baseline;

/// <summary>
/// The inbox row of a fill report and, when it is new, the fill applied to its order, in one transaction: the
/// execution, the order's filled quantity, average price (4 places) and status from its fills, and a status change.
/// </summary>
internal sealed class PostgresReportWriter(string connectionString)
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task WriteAsync(ExecutionReportRequest report, string payload, DateTime receivedAt, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var inbox = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command(
                    """
                    INSERT INTO execution_reports (execution_id, session_id, sequence, client_order_id, payload, received_at)
                    VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (execution_id) DO NOTHING
                    """,
                    report.ExecutionId, report.SessionId, report.Sequence, report.ClientOrderId, payload, receivedAt),
            },
        };
        if (await inbox.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            // The order's row is locked first, so each statement after it (its own snapshot) sees every fill committed before.
            await using var apply = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    Command("SELECT 1 FROM orders WHERE id = $1 FOR UPDATE", report.ClientOrderId),
                    Command(
                        "INSERT INTO order_executions (order_id, execution_id, type, quantity, price, executed_at) VALUES ($1, $2, 'Fill', $3, $4, $5)",
                        report.ClientOrderId, report.ExecutionId, report.LastQuantity, report.LastPrice, report.TransactTime),
                    Command(
                        """
                        WITH fills AS (SELECT sum(quantity) AS quantity, sum(quantity * price) AS notional FROM order_executions WHERE order_id = $1 AND type = 'Fill'),
                             changed AS (
                               UPDATE orders SET filled_quantity = fills.quantity, average_price = round(fills.notional / fills.quantity, 4),
                                                 status = CASE WHEN fills.quantity = orders.quantity THEN 'Filled' ELSE 'PartiallyFilled' END
                               FROM fills WHERE id = $1 RETURNING id, status)
                        INSERT INTO order_status_changes (order_id, status, changed_at, reason) SELECT id, status, $2, $3 FROM changed
                        """,
                        report.ClientOrderId, receivedAt,
                        string.Create(CultureInfo.InvariantCulture, $"{report.LastQuantity} filled at {report.LastPrice} (execution {report.ExecutionId})")),
                },
            };
            await apply.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
