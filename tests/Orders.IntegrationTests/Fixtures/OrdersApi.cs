using System.Collections.Concurrent;
using System.Data.Common;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Orders.Infrastructure.Persistence;
using Respawn;
using Respawn.Graph;

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// One running service on a database of its own, shared by the tests of one class, and the databases for the
/// services the class's tests start of their own. Subclasses say which provider; the tests are written once and run
/// against each.
/// </summary>
public abstract class OrdersApi : IAsyncLifetime
{
    private readonly ConcurrentBag<string> _idleDatabases = [];
    private OrdersApiFactory? _factory;
    private Respawner? _respawner;

    public abstract string Provider { get; }

    /// <summary>A connection string on which the service finds no database.</summary>
    public abstract string UnreachableDatabase { get; }

    /// <summary>The SQL of the tests' own doings in the database, in the provider's dialect.</summary>
    internal abstract ITestSql Sql { get; }

    public string ConnectionString { get; private set; } = "";

    public OrdersApiFactory Factory => _factory ?? throw new InvalidOperationException("Not initialized.");

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Settings a test class adds to (or overrides in) the service's configuration.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        _factory = CreateFactory(ConnectionString, ExtraSettings);
        Client = _factory.CreateClient();
    }

    /// <summary>Another service on the same provider, for tests that need different settings (e.g. a dead database).</summary>
    public OrdersApiFactory CreateFactory(
        string connectionString,
        IReadOnlyDictionary<string, string?> extraSettings,
        TimeProvider? timeProvider = null,
        LogRecorder? logs = null,
        Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider,
            ["ConnectionStrings:Orders"] = connectionString,

            // The contract tests call as the default account, without a key; the authentication tests turn it off.
            ["Auth:AllowAnonymous"] = "true",
        };
        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }

        return new OrdersApiFactory(settings, timeProvider, logs, services);
    }

    /// <summary>Creates an empty database of its own and returns its connection string.</summary>
    public abstract Task<string> CreateDatabaseAsync();

    /// <summary>The connection string of a database that does not exist yet, for the service to create.</summary>
    public abstract Task<string> NewDatabaseAsync();

    /// <summary>Called when a service on the given database has stopped.</summary>
    public virtual void ReleaseConnections(string connectionString)
    {
    }

    /// <summary>
    /// A database for one service of a test, which no running service uses: one that this class's earlier tests used,
    /// emptied by Respawn (EF's migrations history stays, so the service finds it up to date), or, while all are in
    /// use, a new one, which the service migrates. Emptying one is cheaper than making one on every provider (see
    /// solution.md). Given back with <see cref="ReturnDatabase"/> once its service has stopped.
    /// </summary>
    public async Task<string> TakeDatabaseAsync()
    {
        if (!_idleDatabases.TryTake(out var database))
        {
            return await CreateDatabaseAsync();
        }

        await using var connection = Connect(database);
        await connection.OpenAsync();
        _respawner ??= await Respawner.CreateAsync(
            connection, new RespawnerOptions { DbAdapter = ResetAdapter, TablesToIgnore = [new Table(HistoryRepository.DefaultTableName)] });
        await _respawner.ResetAsync(connection);
        return database;
    }

    /// <summary>Gives back a database from <see cref="TakeDatabaseAsync"/>, migrated by the service that used it.</summary>
    public void ReturnDatabase(string database) => _idleDatabases.Add(database);

    private protected abstract DbConnection Connect(string connectionString);

    private protected abstract IDbAdapter ResetAdapter { get; }

    /// <summary>Reads the database directly, as an operator would, to see what the service really stored.</summary>
    public async Task<T> QueryAsync<T>(Func<OrdersDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        return await query(dbContext);
    }

    public Task<HttpResponseMessage> PostOrderAsync(object body) => Client.PostAsJsonAsync("/orders", body);

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            ReleaseConnections(ConnectionString);
        }
    }
}

public sealed class SqliteOrdersApi : OrdersApi
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orders-sqlite-").FullName;

    public override string Provider => "Sqlite";

    public override string UnreachableDatabase => $"Data Source={Path.Combine(_directory, "missing", "orders.db")}";

    internal override ITestSql Sql { get; } = new SqliteTestSql();

    // SQLite creates the file on the first connection.
    public override Task<string> CreateDatabaseAsync() => NewDatabaseAsync();

    public override Task<string> NewDatabaseAsync() => Task.FromResult($"Data Source={Path.Combine(_directory, $"{Guid.NewGuid():N}.db")}");

    private protected override DbConnection Connect(string connectionString) => new SqliteConnection(connectionString);

    private protected override IDbAdapter ResetAdapter => DbAdapter.Sqlite;
}

/// <summary>A provider whose databases are on a server of the test run's.</summary>
public abstract class OrdersApiOnServer(DatabaseServer server) : OrdersApi
{
    public override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();

    public override Task<string> NewDatabaseAsync() => server.NewDatabaseAsync();

    public override void ReleaseConnections(string connectionString) => server.ReleaseConnections(connectionString);

    private protected override DbConnection Connect(string connectionString) => server.Connect(connectionString);
}

public sealed class PostgresOrdersApi(PostgresServer server) : OrdersApiOnServer(server)
{
    public override string Provider => "Postgres";

    public override string UnreachableDatabase => "Host=127.0.0.1;Port=1;Username=postgres;Database=orders;Timeout=2";

    internal override ITestSql Sql { get; } = new PostgresTestSql();

    private protected override IDbAdapter ResetAdapter => DbAdapter.Postgres;
}

public sealed class SqlServerOrdersApi(SqlServerServer server) : OrdersApiOnServer(server)
{
    public override string Provider => "SqlServer";

    public override string UnreachableDatabase => "Server=127.0.0.1,1;Database=orders;User ID=sa;Password=unused;Connect Timeout=2;TrustServerCertificate=true";

    internal override ITestSql Sql { get; } = new SqlServerTestSql();

    private protected override IDbAdapter ResetAdapter => DbAdapter.SqlServer;
}
