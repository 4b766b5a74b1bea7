using DotNet.Testcontainers.Builders;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

[assembly: AssemblyFixture(typeof(Orders.IntegrationTests.Fixtures.SqlServerServer))]

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// SQL Server for the opt-in run of the tests marked <c>Database=SqlServer</c> (the test project leaves them out unless
/// ORDERS_TEST_SQLSERVER is set): the server it names by a connection string, or, when it is <c>container</c>, a
/// Testcontainers container on the machine's Docker engine, removed at the end.
/// </summary>
public sealed class SqlServerServer() : DatabaseServer(SqlClientFactory.Instance)
{
    internal const string ServerVariable = "ORDERS_TEST_SQLSERVER";

    private const string InContainer = "container";

    // SQL Server 2022, whose T-SQL the statement tests parse (TSql160Parser).
    private const string Image = "mcr.microsoft.com/mssql/server:2022-latest";

    protected override async Task<string> StartAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"The SQL Server tests need {ServerVariable}: a connection string of a server on which they may create databases, or `{InContainer}` to run one on a Docker engine.");
        }

        if (server != InContainer)
        {
            return server;
        }

        MsSqlContainer container;
        try
        {
            container = StoppedAtTheEnd(new MsSqlBuilder(Image).Build());
        }
        catch (DockerUnavailableException exception)
        {
            throw new InvalidOperationException($"{ServerVariable}={InContainer} runs SQL Server on a Docker engine, and none answers.", exception);
        }

        await container.StartAsync();
        return container.GetConnectionString();
    }

    public override void ReleaseConnections(string connectionString)
    {
        using var connection = new SqlConnection(connectionString);
        SqlConnection.ClearPool(connection);
    }

    protected override void ClearAllPools() => SqlConnection.ClearAllPools();
}
