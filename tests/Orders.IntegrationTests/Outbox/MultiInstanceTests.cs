using Orders.Domain.Orders;
using Orders.IntegrationTests.Infrastructure;

namespace Orders.IntegrationTests.Outbox;

/// <summary>
/// End to end as in production: two service instances, each with its own scheduler and dispatcher, on one
/// PostgreSQL database, placing orders over HTTP at one standalone exchange that fails 30 % of calls.
/// </summary>
public sealed class MultiInstanceTests(PostgresOrdersApi api) : IClassFixture<PostgresOrdersApi>
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
}
