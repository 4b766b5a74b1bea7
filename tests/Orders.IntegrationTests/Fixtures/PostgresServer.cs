using Npgsql;

[assembly: AssemblyFixture(typeof(Orders.IntegrationTests.Fixtures.PostgresServer))]

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// A real, throwaway PostgreSQL server for the whole test run (what Testcontainers would give, without
/// Docker): a <see cref="PostgresCluster"/>, removed at the end. When ORDERS_TEST_POSTGRES holds a
/// connection string, that server is used instead.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    internal const string ExternalServerVariable = "ORDERS_TEST_POSTGRES";

    private PostgresCluster? _cluster;
    private string _adminConnectionString = "";

    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            _adminConnectionString = external;
            return;
        }

        _cluster = await PostgresCluster.StartNewAsync();
        _adminConnectionString = _cluster.AdminConnectionString;
    }

    /// <summary>The connection string of a database of its own that does not exist yet.</summary>
    public string NewDatabase() =>
        new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = $"orders_test_{Guid.NewGuid():N}" }.ConnectionString;

    /// <summary>Creates an empty database of its own for one test class and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var connectionString = NewDatabase();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {new NpgsqlConnectionStringBuilder(connectionString).Database}", connection);
        await command.ExecuteNonQueryAsync();
        return connectionString;
    }

    /// <summary>Closes the idle connections a finished service left in its pool, so the server never runs out.</summary>
    public static void ReleaseConnections(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
