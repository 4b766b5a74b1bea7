using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Executions.ApplyExecutionReport;
using Orders.Application.Orders.PlaceAtExchange;
using Orders.Domain.Orders;
using Orders.Infrastructure.Executions;
using Orders.Infrastructure.Outbox.Relay;
using Orders.IntegrationTests.Executions;
using Orders.IntegrationTests.Fixtures;
using Orders.IntegrationTests.Outbox;

namespace Orders.IntegrationTests.Orders;

/// <summary>
/// DELETE /orders/{id} as a client sees it, and what reaches the simulated exchange: a resting order is cancelled
/// there, a pending order whose placement was never sent is cancelled here and never placed; the exchange's reports end
/// the cancel (a partly filled order cancelled with its fill kept, a cancel that lost to the fill refused as too late).
/// </summary>
public abstract class CancelOrderTests(OrdersApi api)
{
    // A buy far below the simulated price (200.00) rests at the exchange until cancelled.
    private static readonly object FarLimit = new { type = "limit", side = "buy", instrument = "US0378331005", limit_price = 0.01m, quantity = 10 };

    [Fact]
    public async Task A_placed_order_is_cancelling_with_202_and_its_cancel_reaches_the_exchange_after_the_placement()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        var id = await PlaceAsync(service);
        await service.DispatchAsync();
        (await GetAsync(service, id)).GetProperty("status").GetString().ShouldBe("placed");

        var response = await DeleteAsync(service, id);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var order = await ReadJsonAsync(response);
        order.GetProperty("id").GetGuid().ShouldBe(id);
        order.GetProperty("status").GetString().ShouldBe("cancelling");
        Statuses(order).ShouldBe(["pending", "placed", "cancelling"]);
        (await ExchangeStateAsync(service, id)).ShouldBe(ExchangeOrderState.Open, "nothing is sent before the cancel's commit is dispatched");

        await service.DispatchAsync();

        (await ExchangeStateAsync(service, id)).ShouldBe(ExchangeOrderState.Cancelled);

        // The exchange's cancel report comes back through the inbox as a relay row of its own.
        await Eventually.HoldsAsync(
            async () =>
            {
                await service.DispatchAsync();
                return (await GetAsync(service, id)).GetProperty("status").GetString() == "cancelled";
            },
            TimeSpan.FromSeconds(30),
            "the exchange's cancel report is applied");
        await service.ShouldBeDrainedAsync(DateTime.UtcNow);
    }

    [Fact]
    public async Task A_far_limit_order_cancelled_through_the_exchange_ends_cancelled_by_the_exchanges_report()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        var id = await PlaceAsync(service);
        await service.DispatchAsync();
        (await DeleteAsync(service, id)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // The cancel goes out; the exchange's report reaches the inbox, and a later run applies it.
        await Eventually.HoldsAsync(
            async () =>
            {
                await service.DispatchAsync();
                return (await GetAsync(service, id)).GetProperty("status").GetString() == "cancelled";
            },
            TimeSpan.FromSeconds(30),
            "the exchange's cancel report is applied");

        var order = await GetAsync(service, id);
        order.GetProperty("filled_quantity").GetInt32().ShouldBe(0);
        Statuses(order).ShouldBe(["pending", "placed", "cancelling", "cancelled"]);
        (await DeleteAsync(service, id)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Asking_again_while_cancelling_is_202_again_and_sends_no_second_cancel()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        var id = await PlaceAsync(service);
        await service.DispatchAsync();
        (await DeleteAsync(service, id)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var again = await DeleteAsync(service, id);

        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        Statuses(await ReadJsonAsync(again)).ShouldBe(["pending", "placed", "cancelling"]);
        (await service.OutboxAsync()).Count(message => message.Type == "order-cancel-requested.v1").ShouldBe(1);
    }

    [Fact]
    public async Task A_pending_order_never_sent_is_cancelled_with_200_and_never_placed_even_when_dispatch_starts()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        var id = await PlaceAsync(service);

        var response = await DeleteAsync(service, id);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var order = await ReadJsonAsync(response);
        order.GetProperty("status").GetString().ShouldBe("cancelled");
        Statuses(order).ShouldBe(["pending", "cancelled"]);
        (await service.DispatchAsync()).ShouldBe(0, "nothing is left to send");
        (await ExchangeStateAsync(service, id)).ShouldBe(ExchangeOrderState.Unknown);
        service.Exchange.Placements.ContainsKey(id).ShouldBeFalse("the exchange was never asked to place it");
        (await service.OutboxAsync()).ShouldBeEmpty();

        var again = await DeleteAsync(service, id);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        Statuses(await ReadJsonAsync(again)).ShouldBe(["pending", "cancelled"]);
    }

    [Fact]
    public async Task A_pending_order_whose_placement_was_attempted_is_cancelling_and_its_cancel_follows_the_placement()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual(failureRate: 1));
        var id = await PlaceAsync(service);
        await service.DispatchAsync(); // fails: the order may be at the exchange now

        var response = await DeleteAsync(service, id);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await ReadJsonAsync(response)).GetProperty("status").GetString().ShouldBe("cancelling");
        var outbox = await service.OutboxAsync();
        outbox.Select(message => message.Type).ShouldBe(["order-accepted.v1", "order-cancel-requested.v1"]);
        outbox.ShouldAllBe(message => message.OrderingKey == id.ToString());
    }

    [Fact]
    public async Task A_pending_order_whose_placement_a_relay_has_claimed_is_cancelling()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        var id = await PlaceAsync(service);
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var claimed = await scope.ServiceProvider.GetRequiredService<OutboxClaims>().ClaimAsync(10, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
            claimed.ShouldHaveSingleItem().Type.ShouldBe("order-accepted.v1");
        }

        var response = await DeleteAsync(service, id);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await ReadJsonAsync(response)).GetProperty("status").GetString().ShouldBe("cancelling");
        (await service.OutboxAsync()).Select(message => message.Type).ShouldBe(["order-accepted.v1", "order-cancel-requested.v1"]);
    }

    [Fact]
    public async Task A_filled_order_is_409_and_stays_filled()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        var id = await PlaceAsync(service);
        await SendAsync(service, new ApplyExecutionReportCommand(new ExecutionReport(
            "S-1", 1, "E-1", id, "EX-1", ExecutionKind.Fill, 10, 0.01m, 10, 0, 0.01m, DateTime.UtcNow, null)));

        var response = await DeleteAsync(service, id);

        await ShouldBeConflictAsync(response, $"Order '{id}' is filled; only an open order can be cancelled.");
        (await GetAsync(service, id)).GetProperty("status").GetString().ShouldBe("filled");
        (await service.OutboxAsync()).ShouldNotContain(message => message.Type == "order-cancel-requested.v1");
    }

    [Fact]
    public async Task A_failed_order_is_409_and_stays_failed()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        var id = await PlaceAsync(service);
        await SendAsync(service, new RecordPlacementFailureCommand(id, "Rejected by the exchange: unknown instrument"));

        var response = await DeleteAsync(service, id);

        await ShouldBeConflictAsync(response, $"Order '{id}' is failed; only an open order can be cancelled.");
        Statuses(await GetAsync(service, id)).ShouldBe(["pending", "failed"]);
    }

    [Fact]
    public async Task An_unknown_order_is_404()
    {
        var response = await api.Client.DeleteAsync($"/orders/{Guid.NewGuid()}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Delete_orders_cancels_the_open_orders_of_the_instrument_and_then_all_others()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        var placed = await PlaceAsync(service);
        var otherInstrument = await PlaceAsync(service, new { type = "limit", side = "sell", instrument = "US5949181045", limit_price = 9999m, quantity = 3 });
        await service.DispatchAsync();
        var unsent = await PlaceAsync(service);
        var filled = await PlaceAsync(service);
        await SendAsync(service, new ApplyExecutionReportCommand(new ExecutionReport(
            "S-1", 1, "E-1", filled, "EX-1", ExecutionKind.Fill, 10, 0.01m, 10, 0, 0.01m, DateTime.UtcNow, null)));

        var apple = await service.Client.DeleteAsync("/orders?instrument=US0378331005", TestContext.Current.CancellationToken);

        apple.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadJsonAsync(apple)).ShouldSatisfyAllConditions(
            body => Ids(body, "cancelling").ShouldBe([placed]),
            body => Ids(body, "cancelled").ShouldBe([unsent]));
        (await GetAsync(service, otherInstrument)).GetProperty("status").GetString().ShouldBe("placed");
        (await GetAsync(service, filled)).GetProperty("status").GetString().ShouldBe("filled");

        var all = await service.Client.DeleteAsync("/orders", TestContext.Current.CancellationToken);

        all.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadJsonAsync(all)).ShouldSatisfyAllConditions(
            body => Ids(body, "cancelling").ShouldBe([otherInstrument]),
            body => Ids(body, "cancelled").ShouldBeEmpty());
        await service.DispatchAsync();
        (await ExchangeStateAsync(service, placed)).ShouldBe(ExchangeOrderState.Cancelled);
        (await ExchangeStateAsync(service, otherInstrument)).ShouldBe(ExchangeOrderState.Cancelled);
        (await ExchangeStateAsync(service, unsent)).ShouldBe(ExchangeOrderState.Unknown);
    }

    [Fact]
    public async Task Delete_orders_with_an_invalid_instrument_is_422_and_cancels_nothing()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        var id = await PlaceAsync(service);

        var response = await service.Client.DeleteAsync("/orders?instrument=AAPL", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ReadJsonAsync(response)).GetProperty("errors").GetProperty("instrument")[0].GetString().ShouldBe("Attribute `instrument` must be exactly 12 ASCII letters or digits");
        (await GetAsync(service, id)).GetProperty("status").GetString().ShouldBe("pending");
    }

    [Fact]
    public async Task A_partly_filled_order_cancelled_at_the_exchange_ends_cancelled_with_its_fill_kept()
    {
        await using var service = await StartWithPushedReportsAsync();
        var (id, exchangeOrderId) = await PlaceAtExchangeAsync(service);
        await ExecutionWebhook.PushAsync(service.Client, ExecutionWebhook.Fill(id, "E-1", 1, 4, 0.01m, exchangeOrderId, leaves: 6));
        await service.DrainAsync();
        (await GetAsync(service, id)).GetProperty("status").GetString().ShouldBe("partially_filled");

        var response = await DeleteAsync(service, id);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await ReadJsonAsync(response)).GetProperty("status").GetString().ShouldBe("cancelling");
        await service.DrainAsync();
        (await ExchangeStateAsync(service, id)).ShouldBe(ExchangeOrderState.Cancelled, "the cancel reached the exchange");
        await ExecutionWebhook.PushAsync(service.Client, ExecutionWebhook.Cancelled(id, "E-2", 2, exchangeOrderId, filled: 4, averagePrice: 0.01m));
        await service.DrainAsync();

        var order = await GetAsync(service, id);
        order.GetProperty("status").GetString().ShouldBe("cancelled");
        order.GetProperty("filled_quantity").GetInt32().ShouldBe(4);
        order.GetProperty("average_price").GetDecimal().ShouldBe(0.01m);
        Executions(order).ShouldBe([("E-1", 4, 0.01m)]);
        History(order).ShouldBe(
        [
            ("pending", null),
            ("placed", null),
            ("partially_filled", "4 filled at 0.01 (execution E-1)"),
            ("cancelling", null),
            ("cancelled", "Cancelled at the exchange"),
        ]);
        (await DeleteAsync(service, id)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>
    /// The exchange filled the rest before the cancel reached it and refused the cancel as too late; its two reports may
    /// arrive in either order. The fill wins: the order ends filled, the refusal in its history, and cannot be cancelled.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cancel_that_loses_to_the_fill_ends_filled_with_the_refusal_in_its_history(bool refusalFirst)
    {
        await using var service = await StartWithPushedReportsAsync();
        var (id, exchangeOrderId) = await PlaceAtExchangeAsync(service);
        (await DeleteAsync(service, id)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        string[] reports =
        [
            ExecutionWebhook.Fill(id, "E-1", 1, 10, 0.01m, exchangeOrderId),
            ExecutionWebhook.CancelRejected(id, "E-2", 2, exchangeOrderId, filled: 10, leaves: 0, averagePrice: 0.01m, reason: "too late"),
        ];

        foreach (var report in refusalFirst ? reports.Reverse() : reports)
        {
            await ExecutionWebhook.PushAsync(service.Client, report);
        }

        await service.DrainAsync();

        var order = await GetAsync(service, id);
        order.GetProperty("status").GetString().ShouldBe("filled");
        order.GetProperty("filled_quantity").GetInt32().ShouldBe(10);
        order.GetProperty("average_price").GetDecimal().ShouldBe(0.01m);
        Executions(order).ShouldBe([("E-1", 10, 0.01m)]);
        (string?, string?)[] outcome = refusalFirst
            ? [("placed", "cancel rejected: too late"), ("filled", "10 filled at 0.01 (execution E-1)")]
            : [("filled", "10 filled at 0.01 (execution E-1)"), ("filled", "cancel rejected: too late")];
        History(order).ShouldBe([("pending", null), ("placed", null), ("cancelling", null), .. outcome]);
        await ShouldBeConflictAsync(await DeleteAsync(service, id), $"Order '{id}' is filled; only an open order can be cancelled.");
    }

    /// <summary>
    /// Cancels race the relay claiming the placements: each order ends cancelled, either never at the exchange (200) or
    /// cancelled there (202: the cancel sent after the placement); never placed and forgotten.
    /// </summary>
    [Fact]
    public async Task A_cancel_right_after_the_post_never_leaves_an_order_at_the_exchange_uncancelled()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Scheduled(failureRate: 0));
        var answers = new HttpStatusCode[100];
        var ids = new Guid[answers.Length];
        await Parallel.ForAsync(0, answers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (index, _) =>
        {
            ids[index] = await PlaceAsync(service);
            answers[index] = (await DeleteAsync(service, ids[index])).StatusCode;
        });

        await Eventually.HoldsAsync(
            async () => (await service.StatusesAsync(ids)).All(status => status == OrderStatus.Cancelled),
            TimeSpan.FromSeconds(60),
            "every order is cancelled");

        for (var index = 0; index < ids.Length; index++)
        {
            (answers[index], await ExchangeStateAsync(service, ids[index])).ShouldBeOneOf(
                (HttpStatusCode.OK, ExchangeOrderState.Unknown),
                (HttpStatusCode.Accepted, ExchangeOrderState.Cancelled));
        }
    }

    // The in-process exchange places and cancels, but its own reports are not delivered: the test pushes, signed, what
    // it would send had it filled the resting order (which it never does at 0.01). Nothing fetches the missing reports.
    private Task<OrdersService> StartWithPushedReportsAsync()
    {
        var settings = DispatchSettings.Manual();
        settings["Executions:Reconcile"] = "false";
        settings["Exchange:WebhookSecret"] = ExecutionWebhook.Secret;
        return OrdersService.StartAsync(
            api, settings, services: services => services.Remove(services.Single(service => service.ImplementationType == typeof(SimulatedExchangeReports))));
    }

    // Placed through the service's own flow, so the exchange order id is the exchange's.
    private static async Task<(Guid Id, string ExchangeOrderId)> PlaceAtExchangeAsync(OrdersService service)
    {
        var id = await PlaceAsync(service);
        await service.DispatchAsync();
        var order = await GetAsync(service, id);
        order.GetProperty("status").GetString().ShouldBe("placed");
        return (id, order.GetProperty("exchange_order_id").GetString()!);
    }

    private static async Task<Guid> PlaceAsync(OrdersService service, object? order = null)
    {
        var response = await service.Client.PostAsJsonAsync("/orders", order ?? FarLimit, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await ReadJsonAsync(response)).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> DeleteAsync(OrdersService service, Guid id) =>
        service.Client.DeleteAsync($"/orders/{id}", TestContext.Current.CancellationToken);

    private static async Task<JsonElement> GetAsync(OrdersService service, Guid id)
    {
        var response = await service.Client.GetAsync($"/orders/{id}", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await ReadJsonAsync(response);
    }

    private static async Task<ExchangeOrderState> ExchangeStateAsync(OrdersService service, Guid id) =>
        (await service.Exchange.GetOrderStatusAsync(id, TestContext.Current.CancellationToken)).State;

    private static async Task SendAsync<TResponse>(OrdersService service, Application.Abstractions.Messaging.ICommand<TResponse> command)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, TestContext.Current.CancellationToken);
        result.IsSuccess.ShouldBeTrue(string.Join("; ", result.Errors));
    }

    private static async Task ShouldBeConflictAsync(HttpResponseMessage response, string detail)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await ReadJsonAsync(response)).GetProperty("detail").GetString().ShouldBe(detail);
    }

    private static List<Guid> Ids(JsonElement body, string property) => [.. body.GetProperty(property).EnumerateArray().Select(id => id.GetGuid())];

    private static List<string?> Statuses(JsonElement order) =>
        [.. order.GetProperty("history").EnumerateArray().Select(change => change.GetProperty("status").GetString())];

    private static List<(string?, string?)> History(JsonElement order) =>
        [.. order.GetProperty("history").EnumerateArray().Select(change => (change.GetProperty("status").GetString(), change.GetProperty("reason").GetString()))];

    private static List<(string?, int, decimal)> Executions(JsonElement order) =>
        [.. order.GetProperty("executions").EnumerateArray().Select(execution => (execution.GetProperty("id").GetString(), execution.GetProperty("quantity").GetInt32(), execution.GetProperty("price").GetDecimal()))];

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
}

public sealed class CancelOrderOnSqliteTests(SqliteOrdersApi api) : CancelOrderTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class CancelOrderOnPostgresTests(PostgresOrdersApi api) : CancelOrderTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class CancelOrderOnSqlServerTests(SqlServerOrdersApi api) : CancelOrderTests(api), IClassFixture<SqlServerOrdersApi>;
