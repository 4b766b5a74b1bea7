using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orders.Infrastructure.Executions.Reconciliation;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Executions;

/// <summary>
/// The reconciliation of open orders with the standalone exchange, run by hand as its job would: reports the exchange
/// holds and never delivered are received and applied once; an order the exchange no longer holds is parked, shown on
/// /ops/jobs, and forgotten once it is closed.
/// </summary>
public abstract class ReconciliationTests(OrdersApi api)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fills_the_exchange_never_delivered_are_received_from_its_order_status_and_applied_exactly_once()
    {
        // No webhook: the exchange keeps its reports, and the service's jobs do not fetch them.
        await using var exchange = new StandaloneExchange(("FailureRate", "0"), ("Latency", "00:00:00"));
        await using var service = await OrdersService.StartAsync(api, Settings(exchange));
        var ids = await PostAsync(service, 5, limitPrice: 1_000m);
        await service.DrainAsync();
        await Eventually.HoldsAsync(
            async () => (await Task.WhenAll(ids.Select(exchange.OrderAsync))).All(order => order.GetProperty("state").GetString() == "filled"),
            TimeSpan.FromSeconds(30),
            "the exchange fills the orders");
        (await StatusesAsync(service, ids)).ShouldAllBe(status => status == "placed", "no report has reached the service");

        var first = await ReconcileAsync(service);
        await service.DrainAsync();
        var second = await ReconcileAsync(service);

        first.ShouldBe(new ReconciliationResult(Compared: 5, ReportsReceived: 5, Parked: 0));
        second.ShouldBe(new ReconciliationResult(Compared: 0, ReportsReceived: 0, Parked: 0), "filled, no order is open any more");
        foreach (var id in ids)
        {
            var order = await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", Cancellation);
            order.GetProperty("status").GetString().ShouldBe("filled");
            order.GetProperty("filled_quantity").GetInt32().ShouldBe(order.GetProperty("quantity").GetInt32());
            order.GetProperty("executions").GetArrayLength().ShouldBe(1);
        }
    }

    [Fact]
    public async Task An_order_a_restarted_exchange_no_longer_holds_is_parked_shown_on_ops_jobs_once_and_forgotten_when_it_closes()
    {
        var before = new StandaloneExchange(("FailureRate", "0"), ("Latency", "00:00:00"));
        var settings = Settings(before);
        var port = before.Port;
        await using var service = await OrdersService.StartAsync(api, settings);
        var ids = await PostAsync(service, 2, limitPrice: 0.01m);
        await service.DrainAsync();
        var exchangeOrderId = (await before.OrderAsync(ids[0])).GetProperty("exchange_order_id").GetString()!;
        await before.DisposeAsync();
        await using var restarted = new StandaloneExchange(port, ("FailureRate", "0"), ("Latency", "00:00:00"));

        var found = await ReconcileAsync(service);
        var again = await ReconcileAsync(service);

        found.ShouldBe(new ReconciliationResult(Compared: 2, ReportsReceived: 0, Parked: 2));
        again.Parked.ShouldBe(2, "a difference is parked once, however often it is seen");
        var parked = (await service.Client.GetFromJsonAsync<JsonElement>("/ops/jobs", Cancellation)).GetProperty("discrepancies");
        parked.GetProperty("count").GetInt32().ShouldBe(2);
        var shown = parked.GetProperty("newest").EnumerateArray().Single(discrepancy => discrepancy.GetProperty("order_id").GetGuid() == ids[0]);
        shown.GetProperty("reason").GetString().ShouldBe($"The exchange does not hold the order, open here as {exchangeOrderId}");
        (await StatusesAsync(service, ids)).ShouldAllBe(status => status == "placed", "parked, not changed");

        // An operator learns the exchange filled the first order after all: its report closes it.
        await ExecutionWebhook.PushAsync(service.Client, ExecutionWebhook.Fill(ids[0], "E-LATE-1", 1, 1, 0.01m, exchangeOrderId));
        await service.DrainAsync();
        var after = await ReconcileAsync(service);

        after.Parked.ShouldBe(1, "the filled order is forgotten; the other is still open and still unknown at the exchange");
    }

    private static Dictionary<string, string?> Settings(StandaloneExchange exchange) => new(exchange.ServiceSettings)
    {
        ["Outbox:Dispatch"] = "false",
        ["Executions:Reconcile"] = "false",
        ["Exchange:WebhookSecret"] = ExecutionWebhook.Secret,
    };

    private static Task<ReconciliationResult> ReconcileAsync(OrdersService service) =>
        service.Factory.Services.GetRequiredService<OpenOrdersReconciliation>().RunAsync(Cancellation);

    // Buy limits: at 1,000 they fill at once; at 0.01 they rest.
    private static async Task<Guid[]> PostAsync(OrdersService service, int count, decimal limitPrice)
    {
        var ids = new Guid[count];
        for (var index = 0; index < count; index++)
        {
            var created = await service.Client.PostAsJsonAsync(
                "/orders", new { type = "limit", side = "buy", instrument = "US0378331005", limit_price = limitPrice, quantity = index + 1 }, Cancellation);
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            ids[index] = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        }

        return ids;
    }

    private static async Task<string?[]> StatusesAsync(OrdersService service, IEnumerable<Guid> ids) =>
        await Task.WhenAll(ids.Select(async id =>
            (await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", Cancellation)).GetProperty("status").GetString()));
}

public sealed class ReconciliationOnSqliteTests(SqliteOrdersApi api) : ReconciliationTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class ReconciliationOnPostgresTests(PostgresOrdersApi api) : ReconciliationTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class ReconciliationOnSqlServerTests(SqlServerOrdersApi api) : ReconciliationTests(api), IClassFixture<SqlServerOrdersApi>;
