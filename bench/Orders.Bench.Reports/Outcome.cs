using Npgsql;

namespace Orders.Bench.Reports;

/// <summary>
/// What the database holds once the run is over: orders filled to exactly their quantity (each order's reports sum
/// to it), orders over it, and executions stored, against the distinct reports sent.
/// </summary>
internal sealed record Outcome(int Filled, int Over, long Executions)
{
    public static async Task<Outcome> ReadAsync(NpgsqlDataSource database, IReadOnlyList<BenchOrder> orders)
    {
        var quantities = orders.ToDictionary(order => order.Id, order => order.Quantity);
        int filled = 0, over = 0;
        await using (var command = database.CreateCommand("SELECT id, filled_quantity FROM orders"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (quantities.TryGetValue(reader.GetGuid(0), out var quantity))
                {
                    filled += reader.GetInt32(1) == quantity ? 1 : 0;
                    over += reader.GetInt32(1) > quantity ? 1 : 0;
                }
            }
        }

        await using var count = database.CreateCommand("SELECT count(*) FROM order_executions");
        return new Outcome(filled, over, (long)(await count.ExecuteScalarAsync())!);
    }
}
