using System.Data.Common;

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// A database server for the whole test run, on which each test class, and each test that needs one, gets a database
/// of its own. It is started (or found) by the first test that needs it, once: a run without its tests never starts it,
/// and a server that cannot be had fails those tests, each with the same reason.
/// </summary>
public abstract class DatabaseServer : IAsyncLifetime
{
    private readonly DbProviderFactory _driver;
    private readonly Lazy<Task<string>> _adminConnectionString;
    private readonly List<IAsyncDisposable> _stoppedAtTheEnd = [];

    protected DatabaseServer(DbProviderFactory driver)
    {
        _driver = driver;
        _adminConnectionString = new(StartAsync);
    }

    /// <summary>Starts the server, or finds the one configured, and returns a connection string that may create databases.</summary>
    protected abstract Task<string> StartAsync();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        ClearAllPools();
        foreach (var started in _stoppedAtTheEnd)
        {
            await started.DisposeAsync();
        }
    }

    /// <summary>The connection string of a database of its own that does not exist yet.</summary>
    public async Task<string> NewDatabaseAsync() => OfDatabase(await _adminConnectionString.Value, NewName());

    /// <summary>Creates an empty database of its own and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = NewName();
        var adminConnectionString = await _adminConnectionString.Value;
        await using var connection = Connect(adminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        await command.ExecuteNonQueryAsync();
        return OfDatabase(adminConnectionString, name);
    }

    public DbConnection Connect(string connectionString)
    {
        var connection = _driver.CreateConnection()!;
        connection.ConnectionString = connectionString;
        return connection;
    }

    /// <summary>Closes the idle connections a finished service left in its pool, so the server never runs out.</summary>
    public abstract void ReleaseConnections(string connectionString);

    protected abstract void ClearAllPools();

    /// <summary>Something <see cref="StartAsync"/> started (a container, a cluster), to stop when the run ends.</summary>
    protected T StoppedAtTheEnd<T>(T started)
        where T : IAsyncDisposable
    {
        _stoppedAtTheEnd.Add(started);
        return started;
    }

    // A name every server takes unquoted.
    private static string NewName() => $"orders_test_{Guid.NewGuid():N}";

    private string OfDatabase(string serverConnectionString, string database)
    {
        var builder = _driver.CreateConnectionStringBuilder()!;
        builder.ConnectionString = serverConnectionString;
        builder["Database"] = database;
        return builder.ConnectionString;
    }
}
