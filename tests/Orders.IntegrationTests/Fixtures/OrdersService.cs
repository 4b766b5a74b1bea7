using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orders.Domain.Orders;
using Orders.Infrastructure.Exchange;
using Orders.Infrastructure.Outbox;
using Orders.Infrastructure.Outbox.Relay;
using Orders.Infrastructure.Persistence;
using Quartz;

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// One service instance, for a single test that needs its own settings, on a database no other running service uses
/// (or on a given one): the simulated exchange it talks to, its outbox, and a way to run its dispatcher by hand.
/// </summary>
internal sealed class OrdersService : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly bool _databaseTaken;

    private OrdersService(OrdersApi api, OrdersApiFactory factory, string connectionString, bool databaseTaken)
    {
        _connectionString = connectionString;
        _databaseTaken = databaseTaken;
        Api = api;
        Factory = factory;

        // Creating the client starts the host: migrations are applied and the jobs scheduled.
        Client = factory.CreateClient();
    }

    public OrdersApi Api { get; }

    /// <summary>The service's database, for a test that opens connections of its own beside the service's.</summary>
    public string ConnectionString => _connectionString;

    public OrdersApiFactory Factory { get; }

    public HttpClient Client { get; }

    public SimulatedStockExchange Exchange => Factory.Services.GetRequiredService<SimulatedStockExchange>();

    /// <summary>Starts an instance on a database of the test class's, emptied for it (<see cref="OrdersApi.TakeDatabaseAsync"/>).</summary>
    public static async Task<OrdersService> StartAsync(
        OrdersApi api,
        IReadOnlyDictionary<string, string?> settings,
        TimeProvider? timeProvider = null,
        LogRecorder? logs = null,
        Action<IServiceCollection>? services = null)
    {
        var database = await api.TakeDatabaseAsync();
        return await StartedAsync(new OrdersService(api, api.CreateFactory(database, settings, timeProvider, logs, services), database, databaseTaken: true));
    }

    /// <summary>Starts an instance on a given database: one beside another, or one the test made for itself.</summary>
    public static Task<OrdersService> StartOnAsync(
        OrdersApi api,
        string connectionString,
        IReadOnlyDictionary<string, string?> settings,
        TimeProvider? timeProvider = null,
        LogRecorder? logs = null,
        Action<IServiceCollection>? services = null) =>
        StartedAsync(new OrdersService(api, api.CreateFactory(connectionString, settings, timeProvider, logs, services), connectionString, databaseTaken: false));

    /// <summary>
    /// Starts an instance on a given database that listens on a loopback port of its own, its <see cref="Client"/>
    /// going there: for a caller outside the test's process as well, such as an exchange pushing its reports.
    /// </summary>
    public static Task<OrdersService> StartListeningOnAsync(OrdersApi api, string connectionString, IReadOnlyDictionary<string, string?> settings)
    {
        var factory = api.CreateFactory(connectionString, settings);

        // Bound by Kestrel itself, as the standalone exchange's port is.
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        return StartedAsync(new OrdersService(api, factory, connectionString, databaseTaken: false));
    }

    // Quartz starts its scheduler only once the host has reported started, and readiness answers 503 until then: a
    // service is handed to a test with its scheduler running, as a deployed one is by the time it is ready.
    private static async Task<OrdersService> StartedAsync(OrdersService service)
    {
        var scheduler = await service.Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await Eventually.HoldsAsync(() => Task.FromResult(scheduler.Status == SchedulerStatus.Running), TimeSpan.FromSeconds(30), "the scheduler runs");
        return service;
    }

    /// <summary>
    /// Places <paramref name="count"/> orders, <paramref name="order"/> giving the body of each by its index (by default
    /// <see cref="RestingOrder"/>); returns their ids in index order.
    /// </summary>
    public async Task<Guid[]> PlaceOrdersAsync(int count, int parallelism = 32, HttpClient? client = null, Func<int, object>? order = null)
    {
        client ??= Client;
        order ??= RestingOrder;
        var ids = new Guid[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (index, cancellationToken) =>
        {
            var response = await client.PostAsJsonAsync("/orders", order(index), cancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            ids[index] = (await response.Content.ReadFromJsonAsync<CreatedOrder>(cancellationToken))!.Id;
        });
        return ids;
    }

    /// <summary>One dispatcher run, as the job would start it; returns how many rows it claimed.</summary>
    public Task<int> DispatchAsync() => StartDispatcherAsync(CancellationToken.None);

    /// <summary>Dispatcher runs until one claims nothing: an order's report waits for the run after its placement's or cancel's.</summary>
    public async Task DrainAsync()
    {
        while (await DispatchAsync() > 0)
        {
        }
    }

    /// <summary>A dispatcher run that the host asks to stop when <paramref name="shutdown"/> is cancelled.</summary>
    public Task<int> StartDispatcherAsync(CancellationToken shutdown) =>
        Factory.Services.GetRequiredService<OutboxRelay>().RunAsync(shutdown);

    public async Task<T> QueryAsync<T>(Func<OrdersDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OrdersDbContext>());
    }

    /// <summary>Sends SQL to the database behind the service's back (see <see cref="OrdersApi.Sql"/>).</summary>
    public Task ExecuteSqlAsync(string sql) => QueryAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    public Task<List<OutboxMessage>> OutboxAsync() => QueryAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.OccurredAt).ToListAsync());

    public Task<List<Order>> OrdersAsync() => QueryAsync(db => db.Orders.AsNoTracking().ToListAsync());

    public async Task<OrderStatus[]> StatusesAsync(IEnumerable<Guid> ids)
    {
        var wanted = ids.ToHashSet();
        var orders = await OrdersAsync();
        return orders.Where(order => wanted.Contains(order.Id)).Select(order => order.Status).ToArray();
    }

    /// <summary>The claimant "died": its leases run out now, by the database's clock.</summary>
    public Task ExpireLeasesAsync() => ExecuteSqlAsync(Api.Sql.ExpireLeases);

    /// <summary>After every dispatch test: nothing left claimed, nothing due left waiting.</summary>
    public async Task ShouldBeDrainedAsync(DateTime now)
    {
        var unfinished = (await OutboxAsync()).Where(message => message.ProcessedAt is null && message.DeadLetteredAt is null).ToList();
        unfinished.ShouldNotContain(message => message.LockToken != null, "a row is still claimed");
        unfinished.ShouldNotContain(message => message.NextAttemptAt <= now, "a due row is still pending");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        Api.ReleaseConnections(_connectionString);
        if (_databaseTaken)
        {
            Api.ReturnDatabase(_connectionString);
        }
    }

    // Buys below the simulated price's band and sells far above it: they rest at the exchange, so the orders stay placed.
    private static object RestingOrder(int index)
    {
        var buy = index % 2 == 0;
        return new { type = "limit", side = buy ? "buy" : "sell", instrument = "US0378331005", limit_price = (buy ? 100.25m : 10_000.25m) + (index % 50), quantity = index + 1 };
    }

    private sealed record CreatedOrder(Guid Id);
}
