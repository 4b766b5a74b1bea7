using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orders.Infrastructure.Persistence;

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// One running service on a database of its own, shared by the tests of one class. Subclasses say
/// which provider; the tests are written once and run against each.
/// </summary>
public abstract class OrdersApi : IAsyncLifetime
{
    private OrdersApiFactory? _factory;

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

    /// <summary>Reads the database directly, as an operator would, to see what the service really stored.</summary>
    public async Task<T> QueryAsync<T>(Func<OrdersDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        return await query(dbContext);
    }

    public Task ExecuteSqlAsync(string sql) => QueryAsync(dbContext => dbContext.Database.ExecuteSqlRawAsync(sql));

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
}

/// <summary>A provider whose databases are on a server of the test run's.</summary>
public abstract class OrdersApiOnServer(DatabaseServer server) : OrdersApi
{
    public override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();

    public override Task<string> NewDatabaseAsync() => server.NewDatabaseAsync();

    public override void ReleaseConnections(string connectionString) => server.ReleaseConnections(connectionString);
}

public sealed class PostgresOrdersApi(PostgresServer server) : OrdersApiOnServer(server)
{
    public override string Provider => "Postgres";

    public override string UnreachableDatabase => "Host=127.0.0.1;Port=1;Username=postgres;Database=orders;Timeout=2";

    internal override ITestSql Sql { get; } = new PostgresTestSql();
}

public sealed class SqlServerOrdersApi(SqlServerServer server) : OrdersApiOnServer(server)
{
    public override string Provider => "SqlServer";

    public override string UnreachableDatabase => "Server=127.0.0.1,1;Database=orders;User ID=sa;Password=unused;Connect Timeout=2;TrustServerCertificate=true";

    internal override ITestSql Sql { get; } = new SqlServerTestSql();
}
