using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orders.Application.Abstractions.Exchange;
using Orders.Domain.Orders;
using Orders.Infrastructure.Exchange;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Orders.ExchangeTests;

/// <summary>The HTTP adapter against the exchange simulator, each test with its own simulator and its own circuit.</summary>
public sealed class HttpStockExchangeTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Placing_an_order_returns_the_exchange_order_id_and_the_exchange_places_it_once()
    {
        await using var simulator = new ExchangeSimulatorFactory();
        var order = AnOrder();

        var exchangeOrderId = await simulator.CreateExchange().PlaceOrderAsync(order, CancellationToken);

        exchangeOrderId.ShouldStartWith("SIM-");
        (await simulator.PlacementsAsync()).Placements.ShouldHaveSingleItem()
            .ShouldBe(new PlacementEntry(order.ClientOrderId, exchangeOrderId, Requests: 1));
    }

    [Fact]
    public async Task Placing_the_same_order_again_returns_the_same_exchange_order_id_without_a_second_placement()
    {
        await using var simulator = new ExchangeSimulatorFactory();
        var exchange = simulator.CreateExchange();
        var order = AnOrder();

        var first = await exchange.PlaceOrderAsync(order, CancellationToken);
        var second = await exchange.PlaceOrderAsync(order, CancellationToken);

        second.ShouldBe(first);
        (await simulator.PlacementsAsync()).Placements.ShouldHaveSingleItem()
            .ShouldBe(new PlacementEntry(order.ClientOrderId, first, Requests: 2));
    }

    [Fact]
    public async Task Placing_the_same_order_concurrently_places_it_once()
    {
        await using var simulator = new ExchangeSimulatorFactory(("Latency", "00:00:00.020"));
        var exchange = simulator.CreateExchange();
        var order = AnOrder();

        var exchangeOrderIds = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => exchange.PlaceOrderAsync(order, CancellationToken)));

        var placement = (await simulator.PlacementsAsync()).Placements.ShouldHaveSingleItem();
        exchangeOrderIds.ShouldAllBe(id => id == placement.ExchangeOrderId);
        placement.Requests.ShouldBe(8);
    }

    [Fact]
    public async Task A_duplicate_the_exchange_rejects_counts_as_placed_under_the_original_exchange_order_id()
    {
        await using var simulator = new ExchangeSimulatorFactory(("DuplicateMode", "Reject"));
        var exchange = simulator.CreateExchange();
        var order = AnOrder();

        var first = await exchange.PlaceOrderAsync(order, CancellationToken);
        var second = await exchange.PlaceOrderAsync(order, CancellationToken);

        second.ShouldBe(first);
        (await simulator.PlacementsAsync()).Placements.ShouldHaveSingleItem().Requests.ShouldBe(2);
    }

    [Fact]
    public async Task An_exchange_without_a_connection_is_unavailable()
    {
        await using var simulator = new ExchangeSimulatorFactory(("FailureRate", "1.0"));

        await Should.ThrowAsync<ExchangeUnavailableException>(() => simulator.CreateExchange().PlaceOrderAsync(AnOrder(), CancellationToken));

        var report = await simulator.PlacementsAsync();
        report.FailedCalls.ShouldBe(1);
        report.Placements.ShouldBeEmpty();
    }

    [Fact]
    public async Task After_enough_failures_the_circuit_opens_and_calls_are_not_made_and_say_so_with_when_to_call_again()
    {
        await using var simulator = new ExchangeSimulatorFactory(("FailureRate", "1.0"));
        var exchange = simulator.CreateExchange();
        for (var call = 0; call < HttpStockExchange.CircuitMinimumThroughput; call++)
        {
            await Should.ThrowAsync<ExchangeUnavailableException>(() => exchange.PlaceOrderAsync(AnOrder(), CancellationToken));
        }

        simulator.Set("FailureRate", "0");
        var notCalled = await Should.ThrowAsync<ExchangeNotCalledException>(() => exchange.PlaceOrderAsync(AnOrder(), CancellationToken));

        notCalled.InnerException.ShouldBeOfType<BrokenCircuitException>();
        notCalled.RetryAfter.ShouldBeInRange(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), "the rest of the circuit's 5 s break");
        var report = await simulator.PlacementsAsync();
        report.FailedCalls.ShouldBe(HttpStockExchange.CircuitMinimumThroughput);
        report.Placements.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_lost_reply_is_unavailable_and_the_retry_returns_the_order_already_placed()
    {
        await using var simulator = new ExchangeSimulatorFactory(("LostReplyRate", "1.0"));
        var exchange = simulator.CreateExchange();
        var order = AnOrder();

        await Should.ThrowAsync<ExchangeUnavailableException>(() => exchange.PlaceOrderAsync(order, CancellationToken));
        var placedDespiteTheLostReply = (await simulator.PlacementsAsync()).Placements.ShouldHaveSingleItem();
        simulator.Set("LostReplyRate", "0");
        var exchangeOrderId = await exchange.PlaceOrderAsync(order, CancellationToken);

        exchangeOrderId.ShouldBe(placedDespiteTheLostReply.ExchangeOrderId);
        (await simulator.PlacementsAsync()).Placements.ShouldHaveSingleItem()
            .ShouldBe(new PlacementEntry(order.ClientOrderId, exchangeOrderId, Requests: 2));
    }

    [Fact]
    public async Task A_reply_slower_than_the_timeout_is_unavailable()
    {
        await using var simulator = new ExchangeSimulatorFactory(("Latency", "00:00:02"));

        var slow = await Should.ThrowAsync<ExchangeUnavailableException>(
            () => simulator.CreateExchange(timeout: TimeSpan.FromMilliseconds(50)).PlaceOrderAsync(AnOrder(), CancellationToken));

        slow.InnerException.ShouldBeOfType<TimeoutRejectedException>();
    }

    [Fact]
    public async Task An_order_the_exchange_finds_invalid_is_rejected_with_its_reason()
    {
        await using var simulator = new ExchangeSimulatorFactory();

        var rejected = await Should.ThrowAsync<ExchangeRejectedException>(
            () => simulator.CreateExchange().PlaceOrderAsync(AnOrder() with { Quantity = 0 }, CancellationToken));

        rejected.Message.ShouldBe("quantity must be a positive integer");
        (await simulator.PlacementsAsync()).Placements.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_resting_order_is_cancelled_and_its_status_says_so_with_the_cancel_report()
    {
        await using var simulator = new ExchangeSimulatorFactory();
        var exchange = simulator.CreateExchange();
        var order = AnOrder() with { LimitPrice = 0.01m };
        var exchangeOrderId = await exchange.PlaceOrderAsync(order, CancellationToken);
        (await exchange.GetOrderStatusAsync(order.ClientOrderId, CancellationToken)).State.ShouldBe(ExchangeOrderState.Open);

        await exchange.CancelOrderAsync(order.ClientOrderId, CancellationToken);

        var status = await exchange.GetOrderStatusAsync(order.ClientOrderId, CancellationToken);
        status.State.ShouldBe(ExchangeOrderState.Cancelled);
        status.ExchangeOrderId.ShouldBe(exchangeOrderId);
        var cancelled = status.Executions.ShouldHaveSingleItem();
        cancelled.ShouldBe(cancelled with
        {
            ClientOrderId = order.ClientOrderId, ExchangeOrderId = exchangeOrderId, Kind = ExecutionKind.Cancelled, CumulativeQuantity = 0, LeavesQuantity = 0,
        });
    }

    [Fact]
    public async Task A_filled_order_s_status_carries_its_fill_and_a_cancel_then_is_rejected_too_late()
    {
        await using var simulator = new ExchangeSimulatorFactory();
        var exchange = simulator.CreateExchange();
        var order = AnOrder() with { LimitPrice = 1_000_000m };
        await exchange.PlaceOrderAsync(order, CancellationToken);

        await exchange.CancelOrderAsync(order.ClientOrderId, CancellationToken);

        var status = await exchange.GetOrderStatusAsync(order.ClientOrderId, CancellationToken);
        status.State.ShouldBe(ExchangeOrderState.Filled);
        status.Executions.Select(report => (report.Kind, report.CumulativeQuantity, report.Reason))
            .ShouldBe([(ExecutionKind.Fill, order.Quantity, null), (ExecutionKind.CancelRejected, order.Quantity, "too late")]);
    }

    [Fact]
    public async Task The_status_of_an_order_the_exchange_never_held_is_unknown()
    {
        await using var simulator = new ExchangeSimulatorFactory();

        var status = await simulator.CreateExchange().GetOrderStatusAsync(Guid.CreateVersion7(), CancellationToken);

        status.State.ShouldBe(ExchangeOrderState.Unknown);
        status.ExchangeOrderId.ShouldBeNull();
        status.Executions.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_executions_are_served_in_pages_of_the_current_session_and_an_old_session_gets_none()
    {
        await using var simulator = new ExchangeSimulatorFactory();
        var exchange = simulator.CreateExchange();
        var orders = Enumerable.Range(0, 3).Select(_ => AnOrder() with { LimitPrice = 1_000_000m }).ToList();
        foreach (var order in orders)
        {
            await exchange.PlaceOrderAsync(order, CancellationToken);
        }

        var current = await exchange.GetExecutionsAsync(null, 1, 1, CancellationToken);
        var whole = await exchange.GetExecutionsAsync(current.SessionId, 0, 10, CancellationToken);
        var old = await exchange.GetExecutionsAsync("an-earlier-session", 0, 10, CancellationToken);

        current.LastSequence.ShouldBe(3);
        current.Reports.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            report => report.Sequence.ShouldBe(2),
            report => report.ClientOrderId.ShouldBe(orders[1].ClientOrderId),
            report => report.SessionId.ShouldBe(current.SessionId));
        whole.Reports.Select(report => report.ClientOrderId).ShouldBe(orders.Select(order => order.ClientOrderId));
        whole.Reports.ShouldAllBe(report => report.Kind == ExecutionKind.Fill && report.LeavesQuantity == 0);
        old.SessionId.ShouldBe(current.SessionId);
        old.Reports.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_exchange_in_rejecting_mode_rejects_the_order_and_holds_nothing()
    {
        await using var simulator = new ExchangeSimulatorFactory(("RejectOrders", "true"));
        var exchange = simulator.CreateExchange();
        var order = AnOrder();

        var rejected = await Should.ThrowAsync<ExchangeRejectedException>(() => exchange.PlaceOrderAsync(order, CancellationToken));

        rejected.Message.ShouldBe("the exchange rejects every order");
        (await exchange.GetOrderStatusAsync(order.ClientOrderId, CancellationToken)).State.ShouldBe(ExchangeOrderState.Unknown);
    }

    [Fact]
    public async Task A_cancel_an_exchange_without_a_connection_cannot_take_is_unavailable()
    {
        await using var simulator = new ExchangeSimulatorFactory(("FailureRate", "1.0"));

        await Should.ThrowAsync<ExchangeUnavailableException>(() => simulator.CreateExchange().CancelOrderAsync(Guid.CreateVersion7(), CancellationToken));

        (await simulator.PlacementsAsync()).FailedCalls.ShouldBe(1);
    }

    [Theory]
    [InlineData("executions?limit=0", "limit must be between 1 and 1000")]
    [InlineData("executions?limit=1001", "limit must be between 1 and 1000")]
    [InlineData("executions?after=-1", "after must not be negative")]
    public async Task A_bad_executions_request_is_answered_400_with_its_reason(string request, string reason)
    {
        await using var simulator = new ExchangeSimulatorFactory();
        using var client = simulator.CreateClient();

        using var response = await client.GetAsync(request, CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken)).GetProperty("error").GetString().ShouldBe(reason);
    }

    private static ExchangeOrder AnOrder() => new(Guid.CreateVersion7(), OrderType.Limit, OrderSide.Buy, "ACME", 101.25m, 10);
}
