using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;

[assembly: AssemblyFixture(typeof(Orders.IntegrationTests.Fixtures.PostgresServer))]

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// A real, throwaway PostgreSQL server for the whole test run: a Testcontainers container where a Docker engine
/// answers, else a <see cref="PostgresCluster"/> of this machine's server binaries, removed at the end. When
/// ORDERS_TEST_POSTGRES holds a connection string, that server is used instead.
/// </summary>
public sealed class PostgresServer() : DatabaseServer(NpgsqlFactory.Instance)
{
    internal const string ExternalServerVariable = "ORDERS_TEST_POSTGRES";

    // The major version of the local cluster's binaries (Debian 12's).
    private const string Image = "postgres:15";

    protected override async Task<string> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return external;
        }

        PostgreSqlContainer container;
        try
        {
            // Building looks for a Docker engine; where none answers, the local cluster serves. The container allows as
            // many connections as the cluster: the tests run many services at once.
            container = StoppedAtTheEnd(new PostgreSqlBuilder(Image).WithCommand("-c", $"max_connections={PostgresCluster.MaxConnections}").Build());
        }
        catch (DockerUnavailableException)
        {
            return StoppedAtTheEnd(await PostgresCluster.StartNewAsync()).AdminConnectionString;
        }

        await container.StartAsync();
        return container.GetConnectionString();
    }

    public override void ReleaseConnections(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    protected override void ClearAllPools() => NpgsqlConnection.ClearAllPools();
}
