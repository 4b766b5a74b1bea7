using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orders.Application.Abstractions.Exchange;
using Orders.IntegrationTests.Executions;
using Orders.IntegrationTests.Fixtures;
using Orders.IntegrationTests.Outbox;

namespace Orders.IntegrationTests.Monitoring;

/// <summary>
/// The service's own metrics, read as an OpenTelemetry reader collects them, move when their cause happens: an order
/// accepted, an exchange call failing, a dead letter, a duplicate execution report, an Idempotency-Key's replay, a job run.
/// </summary>
public abstract class MetricsTests(OrdersApi api)
{
    private static readonly object LimitBuy = new { type = "limit", side = "buy", instrument = "US0378331005", limit_price = 100.25m, quantity = 3 };
    private static readonly object MarketSell = new { type = "market", side = "sell", instrument = "US0378331005", quantity = 5 };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_accepted_order_is_counted_by_type_and_side_and_a_replayed_or_refused_repeat_of_it_is_counted_as_such_only()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        using var metrics = new MetricsRecorder(service.Factory.Services);

        (await PostAsync(service, LimitBuy, idempotencyKey: "key-1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostAsync(service, LimitBuy, idempotencyKey: "key-1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostAsync(service, MarketSell, idempotencyKey: "key-1")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PostAsync(service, MarketSell)).StatusCode.ShouldBe(HttpStatusCode.Created);

        metrics.Sum("orders.accepted", ("order.type", "limit"), ("order.side", "buy")).ShouldBe(1);
        metrics.Sum("orders.accepted", ("order.type", "market"), ("order.side", "sell")).ShouldBe(1);
        metrics.Sum("orders.accepted").ShouldBe(2, "the replay and the refused request accepted nothing");
        metrics.Sum("orders.idempotency.replays").ShouldBe(1);
        metrics.Sum("orders.idempotency.conflicts").ShouldBe(1);
    }

    [Fact]
    public async Task An_exchange_failure_is_a_retried_placement_and_a_timed_call_with_its_error_type_then_the_placement_is_counted_placed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = DispatchSettings.Manual(failureRate: 1.0);
        settings["Executions:Reconcile"] = "false"; // the gap fill's and reconciliation's calls would be timed too
        await using var service = await OrdersService.StartAsync(api, settings, time);
        using var metrics = new MetricsRecorder(service.Factory.Services);
        await service.PlaceOrdersAsync(1);

        (await service.DispatchAsync()).ShouldBe(1);

        metrics.Sum("orders.placements", ("outcome", "retry")).ShouldBe(1);
        metrics.Sum("orders.placement.attempts").ShouldBe(1);
        var failed = ("error.type", typeof(ExchangeUnavailableException).FullName!);
        metrics.Count("messaging.client.operation.duration", ("messaging.system", "exchange"), ("messaging.operation.name", "place"), failed).ShouldBe(1);

        service.Exchange.FailureRate = 0;
        time.Advance(TimeSpan.FromMinutes(1));
        (await service.DispatchAsync()).ShouldBe(1);

        metrics.Sum("orders.placements", ("outcome", "placed")).ShouldBe(1);
        metrics.Sum("orders.placements").ShouldBe(2);
        metrics.Sum("orders.placement.attempts").ShouldBe(2);
        metrics.Count("messaging.client.operation.duration", ("messaging.operation.name", "status")).ShouldBe(1, "a second attempt asks first whether the first placed it");
        metrics.Count("messaging.client.operation.duration", ("messaging.operation.name", "place")).ShouldBe(2);
        metrics.Count("messaging.client.operation.duration", failed).ShouldBe(1, "the second call succeeded");
    }

    [Fact]
    public async Task The_outbox_gauges_show_the_backlog_its_oldest_age_and_a_dead_letter_read_at_most_every_5_seconds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = DispatchSettings.Manual(failureRate: 1.0);
        settings["Outbox:GiveUpAfter"] = "00:02:00";
        await using var service = await OrdersService.StartAsync(api, settings, time);
        using var metrics = new MetricsRecorder(service.Factory.Services);
        metrics.Observe("orders.outbox.pending").ShouldBe(0);
        metrics.Observe("orders.outbox.dead_letters").ShouldBe(0);

        await service.PlaceOrdersAsync(1);
        metrics.Observe("orders.outbox.pending").ShouldBe(0, "read less than 5 seconds ago");
        time.Advance(TimeSpan.FromSeconds(5));
        metrics.Observe("orders.outbox.pending").ShouldBe(1);
        metrics.Observe("orders.outbox.oldest_pending.age")!.Value.ShouldBe(5, tolerance: 0.01);

        time.Advance(TimeSpan.FromMinutes(3));
        await service.DispatchAsync();
        time.Advance(TimeSpan.FromSeconds(5));

        metrics.Sum("orders.placements", ("outcome", "dead_lettered")).ShouldBe(1);
        metrics.Observe("orders.outbox.dead_letters").ShouldBe(1);
        metrics.Observe("orders.outbox.pending").ShouldBe(1, "the cancel that withdraws the given-up order at the exchange");
    }

    [Fact]
    public async Task A_duplicate_execution_report_is_received_twice_counted_as_a_duplicate_and_applied_once_with_its_lag()
    {
        var reportedAt = new DateTimeOffset(2026, 11, 30, 9, 30, 15, TimeSpan.Zero); // the time of ExecutionWebhook's reports
        var time = new FakeTimeProvider(reportedAt.AddSeconds(10));
        var settings = DispatchSettings.Manual();
        settings["Exchange:WebhookSecret"] = ExecutionWebhook.Secret;
        await using var service = await OrdersService.StartAsync(api, settings, time);
        var id = (await service.PlaceOrdersAsync(1)).Single();
        await service.DrainAsync();
        var exchangeOrderId = (await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", Cancellation)).GetProperty("exchange_order_id").GetString()!;
        using var metrics = new MetricsRecorder(service.Factory.Services);

        var fill = ExecutionWebhook.Fill(id, "E-1", 1, quantity: 1, price: 100.25m, exchangeOrderId, leaves: 0);
        foreach (var _ in new[] { "first", "again" })
        {
            using var response = await service.Client.SendAsync(ExecutionWebhook.Signed(fill, sentAt: time.GetUtcNow()), Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await service.DrainAsync();

        metrics.Sum("orders.execution_reports.received").ShouldBe(2);
        metrics.Sum("orders.execution_reports.duplicates").ShouldBe(1);
        metrics.Sum("orders.execution_reports.applied").ShouldBe(1);
        metrics.Count("orders.execution_reports.lag").ShouldBe(1);
        metrics.Sum("orders.execution_reports.lag").ShouldBe(10, "from the report's time at the exchange to its order's change");
    }

    [Fact]
    public async Task Every_run_of_a_Quartz_job_is_counted_with_its_outcome_and_timed()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Scheduled(failureRate: 0));
        using var metrics = new MetricsRecorder(service.Factory.Services);

        await service.PlaceOrdersAsync(1);

        await Eventually.HoldsAsync(
            () => Task.FromResult(metrics.Sum("orders.job.runs", ("job.name", "process-outbox"), ("outcome", "succeeded")) >= 1),
            TimeSpan.FromSeconds(30),
            "a relay run counted");
        metrics.Count("orders.job.duration", ("job.name", "process-outbox")).ShouldBeGreaterThanOrEqualTo(1);
        metrics.Sum("orders.job.runs", ("outcome", "failed")).ShouldBe(0);
    }

    private static async Task<HttpResponseMessage> PostAsync(OrdersService service, object order, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(order) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await service.Client.SendAsync(request, Cancellation);
    }
}

public sealed class MetricsOnSqliteTests(SqliteOrdersApi api) : MetricsTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class MetricsOnPostgresTests(PostgresOrdersApi api) : MetricsTests(api), IClassFixture<PostgresOrdersApi>;
