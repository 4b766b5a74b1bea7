using Orders.Domain.Orders;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Outbox;

/// <summary>
/// Shutdown: the dispatcher stops claiming and finishes, and records, what is in flight.
/// </summary>
public abstract class ShutdownTests(OrdersApi api)
{
    [Fact]
    public async Task On_shutdown_a_dispatcher_stops_claiming_and_finishes_the_calls_in_flight()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual(latency: "00:00:00.5"));
        var ids = await service.PlaceOrdersAsync(10);
        using var shutdown = new CancellationTokenSource();

        var run = service.StartDispatcherAsync(shutdown.Token);
        await Eventually.HoldsAsync(
            async () => (await service.OutboxAsync()).Count(message => message.LockToken != null) == 10, TimeSpan.FromSeconds(10), "all claimed");
        await shutdown.CancelAsync();
        var late = await service.PlaceOrdersAsync(3);
        await run;

        (await service.StatusesAsync(ids)).ShouldAllBe(status => status == OrderStatus.Placed);
        (await service.StatusesAsync(late)).ShouldAllBe(status => status == OrderStatus.Pending);
        (await service.OutboxAsync()).ShouldAllBe(message => message.LockToken == null);
    }
}

public sealed class ShutdownOnSqliteTests(SqliteOrdersApi api) : ShutdownTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class ShutdownOnPostgresTests(PostgresOrdersApi api) : ShutdownTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class ShutdownOnSqlServerTests(SqlServerOrdersApi api) : ShutdownTests(api), IClassFixture<SqlServerOrdersApi>;
