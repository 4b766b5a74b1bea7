using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orders.Infrastructure.Persistence;
using Orders.IntegrationTests.Fixtures;
using Serilog.Events;

namespace Orders.IntegrationTests.Persistence;

/// <summary>Starting the service against its database as deployments do: from nothing, several at once, before the database is up.</summary>
public abstract class DatabaseStartupTests(OrdersApi api)
{
    protected static readonly object MarketOrder = new { type = "market", side = "buy", instrument = "US0378331005", quantity = 1 };

    [Fact]
    public async Task Two_instances_started_together_on_a_database_that_does_not_exist_yet_both_start_and_serve()
    {
        // They race only when their start-ups overlap closely enough (one pair in four missed it): three pairs, each on a new database.
        for (var pair = 0; pair < 3; pair++)
        {
            var database = await api.NewDatabaseAsync();

            var instances = await Task.WhenAll(
                Task.Run(() => OrdersService.StartOnAsync(api, database, new Dictionary<string, string?>())),
                Task.Run(() => OrdersService.StartOnAsync(api, database, new Dictionary<string, string?>())));

            await using var first = instances[0];
            await using var second = instances[1];
            (await first.Client.PostAsJsonAsync("/orders", MarketOrder, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Created);
            (await second.Client.PostAsJsonAsync("/orders", MarketOrder, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Created);
            (await first.OrdersAsync()).Count.ShouldBe(2);
        }
    }

    [Fact]
    public async Task Starting_on_a_new_database_and_again_on_the_migrated_one_logs_no_error()
    {
        var database = await api.NewDatabaseAsync();
        var logs = new LogRecorder();

        await using (var fresh = await OrdersService.StartOnAsync(api, database, new Dictionary<string, string?>(), logs: logs))
        {
            (await fresh.Client.PostAsJsonAsync("/orders", MarketOrder, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await using (var again = await OrdersService.StartOnAsync(api, database, new Dictionary<string, string?>(), logs: logs))
        {
            (await again.OrdersAsync()).Count.ShouldBe(1);
        }

        logs.Lines.Where(line => line.Level >= LogEventLevel.Error).ShouldBeEmpty();
    }
}

public sealed class DatabaseStartupOnSqliteTests(SqliteOrdersApi api) : DatabaseStartupTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class DatabaseStartupOnPostgresTests(PostgresOrdersApi api) : DatabaseStartupTests(api), IClassFixture<PostgresOrdersApi>
{
    private readonly PostgresOrdersApi _api = api;

    [Fact]
    public async Task Starting_on_an_existing_empty_database_logs_no_error()
    {
        var logs = new LogRecorder();

        await using var service = await OrdersService.StartOnAsync(_api, await _api.CreateDatabaseAsync(), new Dictionary<string, string?>(), logs: logs);

        (await service.Client.PostAsJsonAsync("/orders", MarketOrder, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Created);
        logs.Lines.Where(line => line.Level >= LogEventLevel.Error).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_instance_started_while_the_database_is_down_waits_for_it_and_becomes_ready_without_a_restart()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await cluster.StopAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new LogRecorder();

        // No dispatcher: its readiness check follows the scheduler's clock, which this test moves by hand.
        var starting = Task.Run(() => OrdersService.StartOnAsync(
            _api, new NpgsqlConnectionStringBuilder(cluster.AdminConnectionString) { Database = "orders" }.ConnectionString,
            new Dictionary<string, string?> { ["Outbox:Dispatch"] = "false" }, time, logs));
        await Eventually.HoldsAsync(
            () => Task.FromResult(starting.IsCompleted || logs.Lines.Any(line => line.Level == LogEventLevel.Warning && line.Category == typeof(DatabaseMigrator).FullName)),
            TimeSpan.FromSeconds(30),
            "the service warns that the database is not there yet");
        starting.IsCompleted.ShouldBeFalse(starting.Exception?.ToString());

        await cluster.StartAsync();
        await Eventually.HoldsAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMinutes(1));
                return Task.FromResult(starting.IsCompleted);
            },
            TimeSpan.FromSeconds(30),
            "the service has started");

        await using var service = await starting;
        // Quartz starts its scheduler only once the host has reported started: readiness follows a moment later.
        await Eventually.HoldsAsync(
            async () => (await service.Client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the service is ready");
        (await service.Client.PostAsJsonAsync("/orders", MarketOrder, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Created);
        logs.Lines.Where(line => line.Level >= LogEventLevel.Error).ShouldBeEmpty("waiting for the database is worth a warning, not an error");
    }
}

[Trait("Database", "SqlServer")]
public sealed class DatabaseStartupOnSqlServerTests(SqlServerOrdersApi api) : DatabaseStartupTests(api), IClassFixture<SqlServerOrdersApi>;
