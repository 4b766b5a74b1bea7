using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orders.Infrastructure.Executions;
using Orders.Infrastructure.Outbox;
using Orders.IntegrationTests.Fixtures;
using Serilog.Events;

namespace Orders.IntegrationTests.Executions;

/// <summary>
/// The exchange's reports as the service takes them in: POST /exchange/executions, signed; each stored once in the
/// inbox and applied once by the relay, after the order's placement; what cannot be applied parked and shown.
/// </summary>
public abstract class ExecutionReportsTests(OrdersApi api)
{
    // The relay is run by hand; the in-process exchange answers at once and never fails.
    private static readonly Dictionary<string, string?> ByHand = new(ExecutionWebhook.Settings)
    {
        ["Outbox:Dispatch"] = "false",
        ["Exchange:Latency"] = "00:00:00",
        ["Exchange:FailureRate"] = "0",
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_push_not_signed_with_the_secret_within_5_minutes_is_401_and_stores_nothing()
    {
        await using var service = await OrdersService.StartAsync(api, ByHand);
        var body = ExecutionWebhook.Fill(Guid.NewGuid(), "E-1", 1, 1, 10m);
        var pushes = new Dictionary<string, HttpRequestMessage>
        {
            ["no signature"] = ExecutionWebhook.Unsigned(body),
            ["a signature of another body"] = WithBody(ExecutionWebhook.Signed(body), ExecutionWebhook.Fill(Guid.NewGuid(), "E-1", 1, 100, 10m)),
            ["another secret"] = ExecutionWebhook.Signed(body, secret: "whsec_" + Convert.ToBase64String(Encoding.ASCII.GetBytes("another secret, 24 bytes"))),
            ["6 minutes old"] = ExecutionWebhook.Signed(body, sentAt: DateTimeOffset.UtcNow.AddMinutes(-6)),
            ["6 minutes ahead"] = ExecutionWebhook.Signed(body, sentAt: DateTimeOffset.UtcNow.AddMinutes(6)),
        };

        foreach (var (push, request) in pushes)
        {
            using var response = await service.Client.SendAsync(request, Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, push);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", push);
            request.Dispose();
        }

        (await InboxAsync(service)).ShouldBeEmpty();
        (await service.OutboxAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_a_secret_every_push_is_401_and_the_start_says_so()
    {
        var logs = new LogRecorder();
        await using var service = await OrdersService.StartAsync(api, new Dictionary<string, string?>(), logs: logs);

        using var response = await service.Client.SendAsync(ExecutionWebhook.Signed(ExecutionWebhook.Fill(Guid.NewGuid(), "E-1", 1, 1, 10m)), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await InboxAsync(service)).ShouldBeEmpty();
        logs.Lines.Where(line => line.Level == LogEventLevel.Warning && line.Message.Contains("Exchange:WebhookSecret", StringComparison.Ordinal))
            .ShouldHaveSingleItem().Message.ShouldBe("Exchange:WebhookSecret is not set: POST /exchange/executions answers 401 to every report");
    }

    [Fact]
    public async Task A_signed_report_is_stored_once_with_its_relay_message_and_a_duplicate_changes_nothing()
    {
        await using var service = await OrdersService.StartAsync(api, ByHand);
        var orderId = Guid.NewGuid();
        var body = ExecutionWebhook.Fill(orderId, "E-1", 7, 1, 10m);

        var first = await ExecutionWebhook.PushAsync(service.Client, body);
        var again = await ExecutionWebhook.PushAsync(service.Client, body);

        first.GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        again.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        var stored = (await InboxAsync(service)).ShouldHaveSingleItem();
        (stored.ExecutionId, stored.SessionId, stored.Sequence, stored.ClientOrderId, stored.Payload, stored.ParkedAt).ShouldBe(("E-1", "S-1", 7L, orderId, body, (DateTime?)null));
        var message = (await service.OutboxAsync()).ShouldHaveSingleItem();
        (message.Type, message.OrderingKey).ShouldBe((OutboxEventTypes.ExecutionReportReceived, orderId.ToString()));
    }

    [Fact]
    public async Task Of_a_report_pushed_many_times_at_once_one_is_stored_and_every_push_is_acknowledged()
    {
        await using var service = await OrdersService.StartAsync(api, ByHand);
        var body = ExecutionWebhook.Fill(Guid.NewGuid(), "E-1", 1, 1, 10m);

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => ExecutionWebhook.PushAsync(service.Client, body)));

        answers.Count(answer => !answer.GetProperty("duplicate").GetBoolean()).ShouldBe(1);
        (await InboxAsync(service)).ShouldHaveSingleItem();
        (await service.OutboxAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_signed_body_that_is_no_report_is_422_and_stores_nothing()
    {
        await using var service = await OrdersService.StartAsync(api, ByHand);
        var noSequence = JsonSerializer.Serialize(new { session_id = "S-1", execution_id = "E-1", kind = "fill" });
        var tooLongId = ExecutionWebhook.Fill(Guid.NewGuid(), new string('E', 129), 1, 1, 10m);
        var unknownKind = ExecutionWebhook.Fill(Guid.NewGuid(), "E-1", 1, 1, 10m).Replace("\"fill\"", "\"bust\"", StringComparison.Ordinal);

        foreach (var body in new[] { "not json", noSequence, tooLongId, unknownKind })
        {
            using var response = await service.Client.SendAsync(ExecutionWebhook.Signed(body), Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
        }

        (await InboxAsync(service)).ShouldBeEmpty();
        (await service.OutboxAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Reports_of_an_order_pushed_out_of_order_and_twice_end_as_in_order()
    {
        await using var service = await OrdersService.StartAsync(api, ByHand);
        var inOrder = await PlaceRestingOrderAsync(service, quantity: 6);
        var reordered = await PlaceRestingOrderAsync(service, quantity: 6);
        (string Id, long Sequence, int Quantity, decimal Price)[] fills = [("1", 1, 1, 10m), ("2", 2, 2, 10.5m), ("3", 3, 3, 11.25m)];

        foreach (var fill in fills)
        {
            await ExecutionWebhook.PushAsync(service.Client, ExecutionWebhook.Fill(inOrder.Id, $"A-{fill.Id}", fill.Sequence, fill.Quantity, fill.Price, inOrder.ExchangeOrderId));
        }

        foreach (var fill in fills.Reverse().Append(fills[0]))
        {
            await ExecutionWebhook.PushAsync(service.Client, ExecutionWebhook.Fill(reordered.Id, $"B-{fill.Id}", fill.Sequence, fill.Quantity, fill.Price, reordered.ExchangeOrderId));
        }

        await service.DrainAsync();

        var expected = await StateAsync(service, inOrder.Id);
        expected.ShouldBe(("filled", 6, 10.7917m, "1:1,2:2,3:3"));
        (await StateAsync(service, reordered.Id)).ShouldBe(expected);
    }

    [Fact]
    public async Task A_report_for_an_unknown_order_and_an_overfill_are_parked_with_their_reasons_and_shown_on_ops_jobs()
    {
        await using var service = await OrdersService.StartAsync(api, ByHand);
        var order = await PlaceRestingOrderAsync(service, quantity: 2);
        var unknown = Guid.Parse("0196a5f2-0000-7000-8000-000000000001");
        await ExecutionWebhook.PushAsync(service.Client, ExecutionWebhook.Fill(order.Id, "E-1", 1, 2, 10m, order.ExchangeOrderId));
        await ExecutionWebhook.PushAsync(service.Client, ExecutionWebhook.Fill(order.Id, "E-2", 2, 1, 10m, order.ExchangeOrderId));
        await ExecutionWebhook.PushAsync(service.Client, ExecutionWebhook.Fill(unknown, "E-3", 3, 1, 10m));

        await service.DrainAsync();

        (await StateAsync(service, order.Id)).ShouldBe(("filled", 2, 10m, "1:2"));
        var parked = (await service.Client.GetFromJsonAsync<JsonElement>("/ops/jobs", Cancellation)).GetProperty("parked_reports");
        parked.GetProperty("count").GetInt32().ShouldBe(2);
        parked.GetProperty("newest").EnumerateArray()
            .Select(report => (report.GetProperty("execution_id").GetString(), report.GetProperty("reason").GetString()))
            .ShouldBe(
                [("E-2", "Overfill: a fill of 1 would make 3 filled of 2"), ("E-3", $"Unknown order '{unknown}'")],
                ignoreOrder: true);
        (await InboxAsync(service)).Where(report => report.ParkedAt is not null).Select(report => report.ExecutionId).ShouldBe(["E-2", "E-3"], ignoreOrder: true);
        (await service.OutboxAsync()).ShouldAllBe(message => message.ProcessedAt != null, "a parked report's message is done, not retried");
    }

    [Fact]
    public async Task A_market_order_through_the_in_process_exchange_ends_filled_with_executions_summing_to_its_quantity()
    {
        await using var service = await OrdersService.StartAsync(
            api, new Dictionary<string, string?> { ["Exchange:Latency"] = "00:00:00", ["Exchange:FailureRate"] = "0" });
        var created = await service.Client.PostAsJsonAsync("/orders", new { type = "market", side = "buy", instrument = "US0378331005", quantity = 25 }, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();

        await Eventually.HoldsAsync(async () => (await StateAsync(service, id)).Status == "filled", TimeSpan.FromSeconds(30), "the market order is filled");

        var order = await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", Cancellation);
        order.GetProperty("filled_quantity").GetInt32().ShouldBe(25);
        var executions = order.GetProperty("executions").EnumerateArray().ToList();
        executions.Sum(execution => execution.GetProperty("quantity").GetInt32()).ShouldBe(25);
        (await InboxAsync(service)).Select(report => report.ExecutionId).ShouldBe(executions.Select(execution => execution.GetProperty("id").GetString()), ignoreOrder: true);
    }

    // A buy far below the price: placed at the in-process exchange, where it rests unfilled.
    private static async Task<(Guid Id, string ExchangeOrderId)> PlaceRestingOrderAsync(OrdersService service, int quantity)
    {
        var response = await service.Client.PostAsJsonAsync(
            "/orders", new { type = "limit", side = "buy", instrument = "US0378331005", limit_price = 0.01m, quantity }, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        await service.DrainAsync();
        var order = await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", Cancellation);
        return (id, order.GetProperty("exchange_order_id").GetString()!);
    }

    private static async Task<(string? Status, int Filled, decimal? AveragePrice, string Executions)> StateAsync(OrdersService service, Guid id)
    {
        var order = await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", Cancellation);
        var executions = order.GetProperty("executions").EnumerateArray()
            .Select(execution => $"{execution.GetProperty("id").GetString()![2..]}:{execution.GetProperty("quantity").GetInt32()}")
            .Order(StringComparer.Ordinal);
        return (
            order.GetProperty("status").GetString(),
            order.GetProperty("filled_quantity").GetInt32(),
            order.GetProperty("average_price").ValueKind == JsonValueKind.Null ? null : order.GetProperty("average_price").GetDecimal(),
            string.Join(',', executions));
    }

    private static Task<List<ReceivedExecutionReport>> InboxAsync(OrdersService service) =>
        service.QueryAsync(db => db.ExecutionReports.AsNoTracking().ToListAsync(Cancellation));

    private static HttpRequestMessage WithBody(HttpRequestMessage request, string body)
    {
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }
}

public sealed class ExecutionReportsOnSqliteTests(SqliteOrdersApi api) : ExecutionReportsTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class ExecutionReportsOnPostgresTests(PostgresOrdersApi api) : ExecutionReportsTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class ExecutionReportsOnSqlServerTests(SqlServerOrdersApi api) : ExecutionReportsTests(api), IClassFixture<SqlServerOrdersApi>;
