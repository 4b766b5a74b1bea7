using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orders.Infrastructure.Executions;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Executions;

/// <summary>
/// Reports the service never received (every push failing while it was down) are fetched from the standalone
/// simulator when it starts again, and applied as if pushed.
/// </summary>
public abstract class GapFillTests(OrdersApi api)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fills_made_while_the_service_was_stopped_are_fetched_at_its_next_start_and_applied()
    {
        // Every push fails: nothing listens where the simulator pushes to.
        await using var exchange = new StandaloneExchange(
            ("FailureRate", "0"), ("Latency", "00:00:00"), ("WebhookUrl", "http://127.0.0.1:1/exchange/executions"), ("WebhookSecret", ExecutionWebhook.Secret));
        var settings = new Dictionary<string, string?>(exchange.ServiceSettings) { ["Executions:ReconcileInterval"] = "01:00:00" };
        var database = await api.CreateDatabaseAsync();
        Guid id;
        await using (var stopped = await OrdersService.StartOnAsync(api, database, settings))
        {
            var created = await stopped.Client.PostAsJsonAsync("/orders", new { type = "market", side = "buy", instrument = "US0378331005", quantity = 30 }, Cancellation);
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
            await Eventually.HoldsAsync(async () => (await exchange.OrderAsync(id)).GetProperty("state").GetString() == "open", TimeSpan.FromSeconds(30), "the exchange holds the order");
        }

        await Eventually.HoldsAsync(async () => (await exchange.OrderAsync(id)).GetProperty("state").GetString() == "filled", TimeSpan.FromSeconds(30), "the exchange fills the order");
        await using var restarted = await OrdersService.StartOnAsync(api, database, settings);

        await Eventually.HoldsAsync(
            async () => (await restarted.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", Cancellation)).GetProperty("status").GetString() == "filled",
            TimeSpan.FromSeconds(30),
            "the restarted service has the order filled");
        var order = await restarted.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", Cancellation);
        order.GetProperty("filled_quantity").GetInt32().ShouldBe(30);
        order.GetProperty("executions").EnumerateArray().Sum(execution => execution.GetProperty("quantity").GetInt32()).ShouldBe(30);
        var reports = (await exchange.OrderAsync(id)).GetProperty("executions").EnumerateArray().Select(report => report.GetProperty("sequence").GetInt64()).ToList();
        var session = await restarted.QueryAsync(db => db.ExchangeSessions.AsNoTracking().SingleAsync(Cancellation));
        session.ContiguousSequence.ShouldBe(reports.Max(), "every report of the session up to the last is held");
    }
}

public sealed class GapFillOnSqliteTests(SqliteOrdersApi api) : GapFillTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class GapFillOnPostgresTests(PostgresOrdersApi api) : GapFillTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class GapFillOnSqlServerTests(SqlServerOrdersApi api) : GapFillTests(api), IClassFixture<SqlServerOrdersApi>;
