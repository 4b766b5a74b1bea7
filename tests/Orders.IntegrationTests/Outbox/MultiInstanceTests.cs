using Orders.Domain.Orders;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Outbox;

/// <summary>
/// Several dispatchers on one database, of a provider for several instances (PostgreSQL, SQL Server): end to end as in
/// production (two service instances, each with its own scheduler and dispatcher, placing orders over HTTP at one
/// standalone exchange that fails 30 % of calls), instances whose clocks disagree, and four dispatchers of one instance
/// at once.
/// </summary>
public abstract class MultiInstanceTests(OrdersApi api)
{
    [Fact]
    public async Task Two_instances_on_one_database_place_500_orders_at_a_flaky_exchange_each_exactly_once()
    {
        await using var exchange = new StandaloneExchange(("FailureRate", "0.3"), ("Latency", "00:00:00.05"));
        var settings = new Dictionary<string, string?>(exchange.ServiceSettings)
        {
            // Generous, so that no call's outcome is left unknown: a retry after a timeout would legitimately repeat a request.
            ["Exchange:Timeout"] = "00:00:30",
            ["Outbox:PollInterval"] = "00:00:00.2",
            ["Outbox:BaseBackoff"] = "00:00:00.05",
            ["Outbox:MaxBackoff"] = "00:00:00.5",
        };
        var database = await api.CreateDatabaseAsync();
        await using var first = await OrdersService.StartOnAsync(api, database, settings);
        await using var second = await OrdersService.StartOnAsync(api, database, settings);

        var placed = await Task.WhenAll(first.PlaceOrdersAsync(250, parallelism: 16), second.PlaceOrdersAsync(250, parallelism: 16));
        var ids = placed.SelectMany(batch => batch).ToArray();

        await Eventually.HoldsAsync(
            async () => (await first.StatusesAsync(ids)).All(status => status == OrderStatus.Placed),
            TimeSpan.FromMinutes(3),
            "all 500 orders placed");
        var report = await exchange.PlacementsAsync();
        var placements = report.GetProperty("placements").EnumerateArray().ToList();
        placements.Count.ShouldBe(500);
        placements.Select(placement => placement.GetProperty("client_order_id").GetGuid()).ShouldBe(ids, ignoreOrder: true);
        placements.ShouldAllBe(placement => placement.GetProperty("requests").GetInt32() == 1);
        report.GetProperty("failed_calls").GetInt32().ShouldBeGreaterThan(0);
        var orders = (await first.OrdersAsync()).ToDictionary(order => order.Id);
        placements.ShouldAllBe(placement =>
            orders[placement.GetProperty("client_order_id").GetGuid()].ExchangeOrderId == placement.GetProperty("exchange_order_id").GetString());
        await first.ShouldBeDrainedAsync(DateTime.UtcNow);
    }

    [Fact]
    public async Task Instances_whose_clocks_are_five_minutes_apart_still_place_each_order_exactly_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Outbox:Dispatch"] = "false",
            ["Exchange:Latency"] = "00:00:00.01",
            ["Exchange:FailureRate"] = "0.2",
            ["Outbox:LeaseDuration"] = "00:00:30",
            ["Outbox:BaseBackoff"] = "00:00:00.01",
            ["Outbox:MaxBackoff"] = "00:00:00.05",
        };
        var database = await api.CreateDatabaseAsync();
        await using var ahead = await OrdersService.StartOnAsync(api, database, settings, new SkewedTimeProvider(TimeSpan.FromMinutes(5)));
        await using var behind = await OrdersService.StartOnAsync(api, database, settings, new SkewedTimeProvider(TimeSpan.FromMinutes(-5)));
        var ids = (await behind.PlaceOrdersAsync(150)).Concat(await ahead.PlaceOrdersAsync(150)).ToArray();

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await ahead.StatusesAsync(ids)).Any(status => status != OrderStatus.Placed))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "all orders placed in time");
            await Task.WhenAll(ahead.DispatchAsync(), ahead.DispatchAsync(), behind.DispatchAsync(), behind.DispatchAsync());
        }

        // Each instance has its own simulated exchange: together they saw each order placed once.
        var placements = ahead.Exchange.Placements.Concat(behind.Exchange.Placements).ToList();
        placements.Select(placement => placement.Key).ShouldBe(ids, ignoreOrder: true);
        placements.ShouldAllBe(placement => placement.Value.Requests == 1);
    }

    [Fact]
    public async Task Four_dispatchers_running_at_once_over_a_thousand_orders_place_each_exactly_once()
    {
        await using var service = await OrdersService.StartAsync(api, new Dictionary<string, string?>
        {
            ["Outbox:Dispatch"] = "false",
            ["Exchange:Latency"] = "00:00:00.02",
            ["Exchange:FailureRate"] = "0.1",
            ["Outbox:MaxConcurrency"] = "25",
            ["Outbox:BatchSize"] = "20",
            ["Outbox:BaseBackoff"] = "00:00:00.01",
            ["Outbox:MaxBackoff"] = "00:00:00.05",
        });
        var ids = await service.PlaceOrdersAsync(1000, parallelism: 64);

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await service.StatusesAsync(ids)).Any(status => status != OrderStatus.Placed))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "all orders placed in time");
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => service.DispatchAsync()));
        }

        service.Exchange.Placements.Count.ShouldBe(1000);
        ids.ShouldAllBe(id => service.Exchange.Placements[id].Requests == 1);
        service.Exchange.FailedCalls.ShouldBeGreaterThan(0);
        var orders = await service.OrdersAsync();
        orders.ShouldAllBe(order => order.ExchangeOrderId == service.Exchange.Placements[order.Id].ExchangeOrderId);
        await service.ShouldBeDrainedAsync(DateTime.UtcNow);
    }
}

public sealed class MultiInstanceOnPostgresTests(PostgresOrdersApi api) : MultiInstanceTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class MultiInstanceOnSqlServerTests(SqlServerOrdersApi api) : MultiInstanceTests(api), IClassFixture<SqlServerOrdersApi>;
