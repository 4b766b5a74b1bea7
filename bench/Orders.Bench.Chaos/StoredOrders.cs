using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orders.Bench.Chaos;

/// <summary>The service's orders as its database holds them, read directly (the same SQL on both providers).</summary>
internal sealed class StoredOrders(string provider, string connectionString)
{
    public async Task<long> CountPendingAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM orders WHERE status = 'Pending'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<StoredOrder>> ReadAllAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, quantity, status, placed_at FROM orders";
        await using var reader = await command.ExecuteReaderAsync();
        var orders = new List<StoredOrder>();
        while (await reader.ReadAsync())
        {
            // Both store UTC: PostgreSQL as timestamptz, SQLite as text without a zone.
            DateTime? placedAt = reader.IsDBNull(3) ? null : DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc);
            orders.Add(new StoredOrder(reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), placedAt));
        }

        return orders;
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = provider switch
        {
            "Postgres" => new NpgsqlConnection(connectionString),
            "Sqlite" => new SqliteConnection(connectionString),
            _ => throw new ArgumentException($"Unknown provider '{provider}'."),
        };
        if (connection is SqliteConnection)
        {
            SQLitePCL.Batteries_V2.Init();
        }

        await connection.OpenAsync();
        return connection;
    }
}

internal sealed record StoredOrder(Guid Id, int Quantity, string Status, DateTime? PlacedAt);
