using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orders.Domain.Orders;
using Orders.Infrastructure.Executions;
using Orders.IntegrationTests.Executions;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Outbox;

/// <summary>
/// Several dispatchers on one database, of a provider for several instances (PostgreSQL, SQL Server): end to end as in
/// production (two service instances, each with its own scheduler and dispatcher, placing orders over HTTP at one
/// standalone exchange that fails 30 % of calls, or that fills them and pushes its reports, some twice, some late),
/// instances whose clocks disagree, and four dispatchers of one instance at once.
/// </summary>
public abstract class MultiInstanceTests(OrdersApi api)
{
    // A buy far below the simulated price (200.00): it rests at the exchange until cancelled.
    private static readonly object FarBuyLimit = new { type = "limit", side = "buy", instrument = "US0378331005", limit_price = 0.01m, quantity = 10 };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_on_one_database_place_500_orders_at_a_flaky_exchange_each_exactly_once()
    {
        await using var exchange = new StandaloneExchange(("FailureRate", "0.3"), ("Latency", "00:00:00.05"));
        var database = await api.CreateDatabaseAsync();
        await using var first = await OrdersService.StartOnAsync(api, database, AtTheStandaloneExchange(exchange));
        await using var second = await OrdersService.StartOnAsync(api, database, AtTheStandaloneExchange(exchange));

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
    public async Task Two_instances_fed_the_exchanges_pushed_reports_some_twice_some_late_end_with_every_order_as_the_exchange_holds_it()
    {
        await using var exchange = new StandaloneExchange(
            ("FailureRate", "0.1"),
            ("Latency", "00:00:00.02"),
            ("FillDelay", "00:00:00.3"),
            ("DuplicateRate", "0.1"),
            ("ReorderRate", "0.1"),
            ("WebhookSecret", ExecutionWebhook.Secret),
            ("WebhookRetryDelay", "00:00:00.05"),
            ("WebhookMaxRetryDelay", "00:00:00.5"));
        var settings = AtTheStandaloneExchange(exchange);
        settings["Exchange:WebhookSecret"] = ExecutionWebhook.Secret;

        // Every report arrives by push; a gap fill in the middle of the test would hide a push the service lost.
        settings["Executions:ReconcileInterval"] = "01:00:00";
        var database = await api.CreateDatabaseAsync();
        await using var first = await OrdersService.StartListeningOnAsync(api, database, settings);
        await using var second = await OrdersService.StartOnAsync(api, database, settings);
        exchange.Set("WebhookUrl", new Uri(first.Client.BaseAddress!, ExecutionWebhook.Path).ToString());

        var resting = (await Task.WhenAll(first.PlaceOrdersAsync(5, order: _ => FarBuyLimit), second.PlaceOrdersAsync(5, order: _ => FarBuyLimit)))
            .SelectMany(batch => batch)
            .ToArray();
        var filling = Task.WhenAll(
            first.PlaceOrdersAsync(250, parallelism: 16, order: FillingOrder), second.PlaceOrdersAsync(250, parallelism: 16, order: FillingOrder));
        await Eventually.HoldsAsync(
            async () => (await first.StatusesAsync(resting)).All(status => status == OrderStatus.Placed), TimeSpan.FromMinutes(3), "the far limits placed");
        foreach (var id in resting)
        {
            (await first.Client.DeleteAsync($"/orders/{id}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var ids = (await filling).SelectMany(batch => batch).Concat(resting).ToArray();
        await Eventually.HoldsAsync(
            async () => (await first.StatusesAsync(ids)).All(status => status is OrderStatus.Filled or OrderStatus.Cancelled),
            TimeSpan.FromMinutes(3),
            "every order filled or cancelled");

        // The test reads the exchange now: its calls no longer fail.
        exchange.Set("FailureRate", "0");
        var differences = new ConcurrentBag<string>();
        var reportsHeld = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Cancellation }, async (id, cancellationToken) =>
        {
            var held = await exchange.OrderAsync(id);
            var seen = await first.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", cancellationToken);
            Interlocked.Add(ref reportsHeld, held.GetProperty("executions").GetArrayLength());
            var (expected, actual) = (AsTheExchangeHoldsIt(held), AsTheServiceShowsIt(seen));
            if (actual != expected)
            {
                differences.Add($"{id}: the service shows {actual}, the exchange holds {expected}");
            }
        });
        differences.ShouldBeEmpty();

        var report = await exchange.PlacementsAsync();
        var placements = report.GetProperty("placements").EnumerateArray().ToList();
        placements.Select(placement => placement.GetProperty("client_order_id").GetGuid()).ShouldBe(ids, ignoreOrder: true);
        placements.ShouldAllBe(placement => placement.GetProperty("requests").GetInt32() == 1);
        report.GetProperty("reports_duplicated").GetInt64().ShouldBeGreaterThan(0);
        report.GetProperty("reports_held_back").GetInt64().ShouldBeGreaterThan(0);
        (await first.QueryAsync(db => db.ExecutionReports.CountAsync(Cancellation))).ShouldBe(reportsHeld, "each report stored once");
        (await first.QueryAsync(db => db.ExecutionReports.CountAsync(stored => stored.ParkedReason != null, Cancellation))).ShouldBe(0, "no report parked");
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

    // Instances placing at the standalone exchange, their dispatchers running as in production.
    private static Dictionary<string, string?> AtTheStandaloneExchange(StandaloneExchange exchange) => new(exchange.ServiceSettings)
    {
        // Generous, so that no call's outcome is left unknown: a retry after a timeout would legitimately repeat a request.
        ["Exchange:Timeout"] = "00:00:30",
        ["Outbox:PollInterval"] = "00:00:00.2",
        ["Outbox:BaseBackoff"] = "00:00:00.05",
        ["Outbox:MaxBackoff"] = "00:00:00.5",
    };

    // Market orders (one to three fills within the fill delay) and limits far through the price (one fill at once), both sides.
    private static object FillingOrder(int index) => (index % 4) switch
    {
        0 => new { type = "market", side = "buy", instrument = "US0378331005", quantity = 10 + index % 40 },
        1 => new { type = "market", side = "sell", instrument = "US0378331005", quantity = 10 + index % 40 },
        2 => new { type = "limit", side = "buy", instrument = "US0378331005", limit_price = 1_000m, quantity = 10 + index % 40 },
        _ => new { type = "limit", side = "sell", instrument = "US0378331005", limit_price = 1m, quantity = 10 + index % 40 },
    };

    // The order's status, filled quantity and fills by execution id, as the exchange's market holds it.
    private static OrderView AsTheExchangeHoldsIt(JsonElement held)
    {
        var reports = held.GetProperty("executions").EnumerateArray().ToList();
        var filled = reports.Select(report => report.GetProperty("cumulative_quantity").GetInt32()).DefaultIfEmpty(0).Max();
        var status = held.GetProperty("state").GetString() switch
        {
            "open" => filled > 0 ? "partially_filled" : "placed",
            var state => state,
        };
        var fills = reports.Where(report => report.GetProperty("kind").GetString() == "fill").Select(report => report.GetProperty("execution_id").GetString()!);
        return new OrderView(status, filled, Fills(fills));
    }

    // The same, as GET /orders/{id} answers.
    private static OrderView AsTheServiceShowsIt(JsonElement seen) => new(
        seen.GetProperty("status").GetString(),
        seen.GetProperty("filled_quantity").GetInt32(),
        Fills(seen.GetProperty("executions").EnumerateArray().Select(execution => execution.GetProperty("id").GetString()!)));

    private static string Fills(IEnumerable<string> executionIds) => string.Join(", ", executionIds.Order(StringComparer.Ordinal));

    private sealed record OrderView(string? Status, int FilledQuantity, string Fills);
}

public sealed class MultiInstanceOnPostgresTests(PostgresOrdersApi api) : MultiInstanceTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class MultiInstanceOnSqlServerTests(SqlServerOrdersApi api) : MultiInstanceTests(api), IClassFixture<SqlServerOrdersApi>;
