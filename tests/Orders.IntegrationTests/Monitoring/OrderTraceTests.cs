using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orders.IntegrationTests.Executions;
using Orders.IntegrationTests.Fixtures;
using Orders.IntegrationTests.Outbox;
using static Orders.IntegrationTests.Fixtures.SpanRecorder;

namespace Orders.IntegrationTests.Monitoring;

/// <summary>
/// One trace per order's journey, as an exporter receives it: the placement's span (every attempt), the cancel's and
/// each report's continue the trace of the POST that accepted the order; a cancel or a report links to the request
/// that brought it. Each request is sent in a trace of its own, as a caller with a <c>traceparent</c> would.
/// </summary>
public abstract class OrderTraceTests(OrdersApi api)
{
    // A buy far below the simulated price (200.00) rests at the exchange until cancelled.
    private static readonly object FarLimit = new { type = "limit", side = "buy", instrument = "US0378331005", limit_price = 0.01m, quantity = 10 };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_placements_span_is_a_child_of_the_POST_that_accepted_the_order()
    {
        using var spans = new SpanRecorder();
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        var (trace, id) = await PlaceAsync(service);

        await service.DispatchAsync();

        var ended = await spans.InTraceAsync(trace, found => found.Any(IsServerSpan) && found.Any(OrdersSpan("place order")), "the POST's and the placement's spans");
        var placement = ended.Single(OrdersSpan("place order"));
        placement.ParentSpanId.ShouldBe(ended.Single(IsServerSpan).SpanId);
        placement.Kind.ShouldBe(ActivityKind.Client);
        placement.Links.ShouldBeEmpty("the POST is its parent, not a link");
        (placement.GetTagItem("messaging.message.conversation_id"), placement.GetTagItem("outbox.attempt"), placement.GetTagItem("outbox.outcome"), placement.Status)
            .ShouldBe((id.ToString(), 1, "done", ActivityStatusCode.Unset));
    }

    [Fact]
    public async Task Every_attempt_of_a_retried_placement_is_a_child_of_the_same_POST()
    {
        using var spans = new SpanRecorder();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual(failureRate: 1.0), time);
        var (trace, _) = await PlaceAsync(service);

        (await service.DispatchAsync()).ShouldBe(1);
        service.Exchange.FailureRate = 0;
        time.Advance(TimeSpan.FromSeconds(10)); // past the first backoff (Outbox:BaseBackoff: 1 s, with jitter)
        (await service.DispatchAsync()).ShouldBe(1);

        var ended = await spans.InTraceAsync(
            trace, found => found.Any(IsServerSpan) && found.Count(OrdersSpan("place order")) == 2, "the POST's span and both attempts' spans");
        var post = ended.Single(IsServerSpan);
        var attempts = ended.Where(OrdersSpan("place order")).OrderBy(span => span.StartTimeUtc).ToList();
        attempts.ShouldAllBe(span => span.ParentSpanId == post.SpanId);
        attempts.Select(span => (span.GetTagItem("outbox.attempt"), span.GetTagItem("outbox.outcome"), span.Status, span.StatusDescription))
            .ShouldBe([(1, "retry", ActivityStatusCode.Error, "connection not available"), (2, "done", ActivityStatusCode.Unset, null)]);
    }

    [Fact]
    public async Task A_cancels_span_continues_the_orders_trace_and_links_to_the_DELETE()
    {
        using var spans = new SpanRecorder();
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        var (trace, id) = await PlaceAsync(service);
        await service.DispatchAsync();
        var (deleteTrace, traceParent) = NewTrace();
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, $"/orders/{id}"))
        {
            delete.Headers.Add("traceparent", traceParent);
            using var response = await service.Client.SendAsync(delete, Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await service.DispatchAsync();

        var ended = await spans.InTraceAsync(trace, found => found.Any(IsServerSpan) && found.Any(OrdersSpan("cancel order")), "the cancel's span in the order's trace");
        var deleteSpan = (await spans.InTraceAsync(deleteTrace, found => found.Any(IsServerSpan), "the DELETE's span")).Single(IsServerSpan);
        var cancel = ended.Single(OrdersSpan("cancel order"));
        cancel.ParentSpanId.ShouldBe(ended.Single(IsServerSpan).SpanId, "the order's journey began with its POST");
        cancel.Links.Select(link => (link.Context.TraceId, link.Context.SpanId)).ShouldBe([(deleteTrace, deleteSpan.SpanId)]);
        cancel.GetTagItem("outbox.outcome").ShouldBe("done");
    }

    [Fact]
    public async Task A_reports_span_continues_the_orders_trace_and_links_to_its_push()
    {
        using var spans = new SpanRecorder();
        var settings = DispatchSettings.Manual();
        settings["Exchange:WebhookSecret"] = ExecutionWebhook.Secret;
        await using var service = await OrdersService.StartAsync(api, settings);
        var (trace, id) = await PlaceAsync(service);
        await service.DrainAsync();
        var exchangeOrderId = (await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", Cancellation)).GetProperty("exchange_order_id").GetString()!;
        var (pushTrace, traceParent) = NewTrace();
        using (var push = ExecutionWebhook.Signed(ExecutionWebhook.Fill(id, "E-1", 1, 4, 0.01m, exchangeOrderId, leaves: 6)))
        {
            push.Headers.Add("traceparent", traceParent);
            using var response = await service.Client.SendAsync(push, Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await service.DrainAsync();

        (await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", Cancellation)).GetProperty("filled_quantity").GetInt32().ShouldBe(4);
        var ended = await spans.InTraceAsync(
            trace, found => found.Any(IsServerSpan) && found.Any(OrdersSpan("apply execution report")), "the report's span in the order's trace");
        var pushSpan = (await spans.InTraceAsync(pushTrace, found => found.Any(IsServerSpan), "the push's span")).Single(IsServerSpan);
        var apply = ended.Single(OrdersSpan("apply execution report"));
        apply.ParentSpanId.ShouldBe(ended.Single(IsServerSpan).SpanId, "the order's journey began with its POST");
        apply.Kind.ShouldBe(ActivityKind.Consumer);
        apply.Links.Select(link => (link.Context.TraceId, link.Context.SpanId)).ShouldBe([(pushTrace, pushSpan.SpanId)]);
        apply.GetTagItem("outbox.outcome").ShouldBe("done");
    }

    /// <summary>Places a resting order from a caller in a new trace; returns the trace and the order's id.</summary>
    private static async Task<(ActivityTraceId Trace, Guid Id)> PlaceAsync(OrdersService service)
    {
        var (trace, traceParent) = NewTrace();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(FarLimit) };
        request.Headers.Add("traceparent", traceParent);
        using var response = await service.Client.SendAsync(request, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (trace, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid());
    }
}

public sealed class OrderTraceOnSqliteTests(SqliteOrdersApi api) : OrderTraceTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class OrderTraceOnPostgresTests(PostgresOrdersApi api) : OrderTraceTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class OrderTraceOnSqlServerTests(SqlServerOrdersApi api) : OrderTraceTests(api), IClassFixture<SqlServerOrdersApi>;
