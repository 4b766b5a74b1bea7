using Microsoft.Extensions.Time.Testing;
using Orders.Application.Abstractions.Exchange;
using Orders.Domain.Orders;
using Orders.Infrastructure.Exchange;

namespace Orders.ExchangeTests;

/// <summary>The simulator pushing its execution reports to a webhook receiver on a port of its own, signed with the shared secret.</summary>
public sealed class WebhookPushTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_report_is_pushed_in_sequence_signed_with_the_secret_its_execution_id_as_the_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var simulator = Pushing(receiver, []);
        var exchange = simulator.CreateExchange();
        var orders = await PlaceFillingOrdersAsync(exchange, 3);

        var deliveries = new[] { await receiver.NextAsync(), await receiver.NextAsync(), await receiver.NextAsync() };

        deliveries.Select(delivery => delivery.Sequence).ShouldBe([1L, 2L, 3L]);
        deliveries.ShouldAllBe(delivery => delivery.WebhookId == delivery.ExecutionId);
        deliveries.Select(delivery => delivery.Report.GetProperty("client_order_id").GetGuid()).ShouldBe(orders.Select(order => order.ClientOrderId));
        deliveries.ShouldAllBe(delivery => delivery.Report.GetProperty("kind").GetString() == "fill");
        var page = await exchange.GetExecutionsAsync(null, 0, 10, CancellationToken);
        deliveries.Select(delivery => delivery.ExecutionId).ShouldBe(page.Reports.Select(report => report.ExecutionId));
        receiver.BadSignatures.ShouldBe(0);
    }

    [Fact]
    public async Task A_push_the_receiver_fails_is_tried_again_until_it_is_taken()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await using var simulator = Pushing(receiver, []);
        await PlaceFillingOrdersAsync(simulator.CreateExchange(), 1);

        var delivery = await receiver.NextAsync();

        delivery.Sequence.ShouldBe(1);
        receiver.Attempts.ShouldBe([delivery.WebhookId, delivery.WebhookId, delivery.WebhookId], "two failed pushes, then the one taken");
    }

    [Fact]
    public async Task With_the_duplicate_rate_at_one_every_report_is_pushed_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var simulator = Pushing(receiver, [("DuplicateRate", "1")]);
        await PlaceFillingOrdersAsync(simulator.CreateExchange(), 2);

        var deliveries = new[] { await receiver.NextAsync(), await receiver.NextAsync(), await receiver.NextAsync(), await receiver.NextAsync() };

        deliveries.Select(delivery => delivery.Sequence).ShouldBe([1L, 1L, 2L, 2L]);
        deliveries[1].WebhookId.ShouldBe(deliveries[0].WebhookId);
        deliveries[1].Report.GetRawText().ShouldBe(deliveries[0].Report.GetRawText());
    }

    [Fact]
    public async Task With_the_reorder_rate_at_one_a_report_is_held_back_until_the_next_has_gone()
    {
        // The simulator's clock stands still, so a held report waits for the next one however slow the test is.
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var simulator = Pushing(receiver, [("ReorderRate", "1")], new FakeTimeProvider(DateTimeOffset.UtcNow));
        await PlaceFillingOrdersAsync(simulator.CreateExchange(), 2);

        var deliveries = new[] { await receiver.NextAsync(), await receiver.NextAsync() };

        deliveries.Select(delivery => delivery.Sequence).ShouldBe([2L, 1L]);
    }

    [Fact]
    public async Task With_a_drop_rate_some_reports_are_never_pushed_and_the_executions_page_still_serves_them()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var simulator = Pushing(receiver, [("DropRate", "0.5")]);
        var exchange = simulator.CreateExchange();
        await PlaceFillingOrdersAsync(exchange, 40);

        // The pusher reads the drop rate when it takes a report: it must have taken all 40 before the rate changes.
        var counted = await simulator.PlacementsAsync();
        while (counted.ReportsPushed + counted.ReportsDropped < 40)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken);
            counted = await simulator.PlacementsAsync();
        }

        simulator.Set("DropRate", "0");
        await PlaceFillingOrdersAsync(exchange, 1);

        // Pushes go one after the other: once the last report's arrives, every earlier one was pushed or dropped.
        var pushed = new List<long>();
        while (pushed.LastOrDefault() != 41)
        {
            pushed.Add((await receiver.NextAsync()).Sequence);
        }

        pushed.ShouldBeInOrder(SortDirection.Ascending);
        pushed.Count.ShouldBe((int)counted.ReportsPushed + 1);
        counted.ReportsDropped.ShouldBeInRange(1, 38, "some of the first 40 were dropped, not all");
        var page = await exchange.GetExecutionsAsync(null, 0, 100, CancellationToken);
        page.Reports.Select(report => report.Sequence).ShouldBe(Enumerable.Range(1, 41).Select(sequence => (long)sequence));
    }

    private static ExchangeSimulatorFactory Pushing(WebhookReceiver receiver, (string Key, string Value)[] knobs, TimeProvider? time = null) =>
        new([
            ("WebhookUrl", receiver.Url.ToString()),
            ("WebhookSecret", WebhookReceiver.Secret),
            ("WebhookRetryDelay", "00:00:00.01"),
            ("WebhookMaxRetryDelay", "00:00:00.05"),
            .. knobs,
        ])
        {
            Time = time,
        };

    // Buy limits far above the price: each fills at once, one report each, in the order placed.
    private static async Task<List<ExchangeOrder>> PlaceFillingOrdersAsync(HttpStockExchange exchange, int count)
    {
        var orders = new List<ExchangeOrder>();
        for (var index = 0; index < count; index++)
        {
            var order = new ExchangeOrder(Guid.CreateVersion7(), OrderType.Limit, OrderSide.Buy, "ACME", 1_000_000m, 10);
            await exchange.PlaceOrderAsync(order, CancellationToken);
            orders.Add(order);
        }

        return orders;
    }
}
