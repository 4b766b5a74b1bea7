using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orders.Domain.Orders;
using Orders.IntegrationTests.Accounts;
using Orders.IntegrationTests.Fixtures;
using Orders.IntegrationTests.Outbox;

namespace Orders.IntegrationTests.Monitoring;

/// <summary>
/// GET /ops/dead-letters groups the failed orders by why they failed, each order once, without its attempt count;
/// POST /ops/dead-letters/redrive counts a group (dry run) or re-drives it 50 at a time, each batch committed on its
/// own and each order audited as a single re-drive.
/// </summary>
public abstract class DeadLetterTests(OrdersApi api)
{
    private const string Halted = "Rejected by the exchange: instrument halted";
    private const string Closed = "Rejected by the exchange: market closed";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Failed_orders_are_grouped_by_their_reason_largest_group_first_each_with_a_count_and_a_sample_of_its_own()
    {
        await using var exchange = RejectingExchange("instrument halted");
        await using var service = await StartAsync(exchange);
        var halted = await service.PlaceOrdersAsync(3);
        await service.DrainAsync();
        exchange.Set("RejectReason", "market closed");
        var closed = await service.PlaceOrdersAsync(2);
        await service.DrainAsync();
        exchange.Set("RejectOrders", "false");
        await service.PlaceOrdersAsync(1);
        await service.DrainAsync();

        var report = await GetAsync(service.Client, "/ops/dead-letters");

        report.GetProperty("failed_orders").GetInt32().ShouldBe(5);
        var groups = report.GetProperty("groups").EnumerateArray().ToList();
        groups.Select(group => (group.GetProperty("reason").GetString(), group.GetProperty("count").GetInt32())).ShouldBe([(Halted, 3), (Closed, 2)]);
        halted.ShouldContain(groups[0].GetProperty("sample_order_id").GetGuid());
        groups[0].GetProperty("sample_error").GetString().ShouldBe(Halted);
        closed.ShouldContain(groups[1].GetProperty("sample_order_id").GetGuid());
        groups[1].GetProperty("sample_error").GetString().ShouldBe(Closed);
    }

    [Fact]
    public async Task Orders_given_up_after_different_numbers_of_attempts_are_one_group()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = DispatchSettings.Manual(failureRate: 1.0);
        settings["Outbox:GiveUpAfter"] = "00:01:00";
        await using var service = await OrdersService.StartAsync(api, settings, time);
        await service.PlaceOrdersAsync(2);
        (await service.DispatchAsync()).ShouldBe(2);
        time.Advance(TimeSpan.FromSeconds(30));
        (await service.DispatchAsync()).ShouldBe(2);
        await service.PlaceOrdersAsync(1);
        time.Advance(TimeSpan.FromMinutes(2));
        await service.DispatchAsync();

        var report = await GetAsync(service.Client, "/ops/dead-letters");

        var reasons = (await service.OrdersAsync()).Select(order => order.FailureReason).Distinct().Order().ToList();
        reasons.ShouldBe(
            ["Not placed within 00:01:00 (1 attempts): connection not available", "Not placed within 00:01:00 (3 attempts): connection not available"],
            "stored as they were written");
        var group = report.GetProperty("groups").EnumerateArray().ShouldHaveSingleItem();
        group.GetProperty("reason").GetString().ShouldBe("Not placed within 00:01:00: connection not available");
        group.GetProperty("count").GetInt32().ShouldBe(3);
        reasons.ShouldContain(group.GetProperty("sample_error").GetString());
    }

    [Fact]
    public async Task A_group_is_counted_by_a_dry_run_then_re_driven_in_batches_of_50_each_order_audited_and_then_placed()
    {
        await using var exchange = RejectingExchange("instrument halted");
        await using var service = await StartAsync(exchange);
        var @operator = await OperatorCommand.RunAsync(service, "keys", "create", "default", "--operator");
        var halted = await service.PlaceOrdersAsync(55);
        await service.DrainAsync();
        exchange.Set("RejectReason", "market closed");
        var closed = await service.PlaceOrdersAsync(2);
        await service.DrainAsync();

        var dryRun = await RedriveAsync(service, @operator.Secret, Halted, dryRun: true);
        (await service.StatusesAsync(halted)).ShouldAllBe(status => status == OrderStatus.Failed, "a dry run changes nothing");
        var first = await RedriveAsync(service, @operator.Secret, Halted, dryRun: false);
        (await service.StatusesAsync(halted)).Count(status => status == OrderStatus.Pending).ShouldBe(50, "the first batch, committed");
        var second = await RedriveAsync(service, @operator.Secret, Halted, dryRun: false);
        var third = await RedriveAsync(service, @operator.Secret, Halted, dryRun: false);

        (dryRun, first, second, third).ShouldBe(((0, 55), (50, 5), (5, 0), (0, 0)));
        (await service.StatusesAsync(halted)).ShouldAllBe(status => status == OrderStatus.Pending);
        (await service.StatusesAsync(closed)).ShouldAllBe(status => status == OrderStatus.Failed, "another group's orders stay failed");
        var audit = (await GetAsync(service.Client, "/ops/audit?limit=500")).GetProperty("entries").EnumerateArray()
            .Where(entry => entry.GetProperty("action").GetString() == "order.redrive")
            .ToList();
        audit.Select(entry => Guid.Parse(entry.GetProperty("target").GetString()!)).Order().ShouldBe(halted.Order());
        audit.ShouldAllBe(entry => entry.GetProperty("actor").GetString() == @operator.KeyId && entry.GetProperty("details").GetString() == "Sent to the exchange again");

        exchange.Set("RejectOrders", "false");
        await service.DrainAsync();
        foreach (var id in halted)
        {
            (await GetAsync(service.Client, $"/orders/{id}")).GetProperty("status").GetString().ShouldBe("placed");
        }

        var groups = (await GetAsync(service.Client, "/ops/dead-letters")).GetProperty("groups").EnumerateArray();
        groups.Select(group => (group.GetProperty("reason").GetString(), group.GetProperty("count").GetInt32())).ShouldBe([(Closed, 2)]);
    }

    [Theory]
    [InlineData("""{"reason":"instrument halted"}""", "dry_run")]
    [InlineData("""{"reason":"","dry_run":true}""", "reason")]
    [InlineData("""{"dry_run":false}""", "reason")]
    public async Task A_re_drive_without_a_reason_or_without_saying_whether_it_is_a_dry_run_is_422_and_changes_nothing(string body, string field)
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());

        var response = await service.Client.PostAsync("/ops/dead-letters/redrive", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await GetAsync(service.Client, "/ops/audit")).GetProperty("entries").GetArrayLength().ShouldBe(0);
    }

    private static StandaloneExchange RejectingExchange(string reason) =>
        new(("Latency", "00:00:00"), ("FailureRate", "0"), ("RejectOrders", "true"), ("RejectReason", reason));

    private Task<OrdersService> StartAsync(StandaloneExchange exchange) =>
        OrdersService.StartAsync(api, new Dictionary<string, string?>(exchange.ServiceSettings) { ["Outbox:Dispatch"] = "false" });

    private static async Task<(int Redriven, int Remaining)> RedriveAsync(OrdersService service, string key, string reason, bool dryRun)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/ops/dead-letters/redrive") { Content = JsonContent.Create(new { reason, dry_run = dryRun }) }.WithKey(key);
        var response = await service.Client.SendAsync(request, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        (body.GetProperty("reason").GetString(), body.GetProperty("dry_run").GetBoolean()).ShouldBe((reason, dryRun));
        return (body.GetProperty("redriven").GetInt32(), body.GetProperty("remaining").GetInt32());
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path) =>
        await client.GetFromJsonAsync<JsonElement>(path, Cancellation);
}

public sealed class DeadLetterOnSqliteTests(SqliteOrdersApi api) : DeadLetterTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class DeadLetterOnPostgresTests(PostgresOrdersApi api) : DeadLetterTests(api), IClassFixture<PostgresOrdersApi>;
