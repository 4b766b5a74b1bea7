using Microsoft.Extensions.Time.Testing;
using Orders.Application.Abstractions.Exchange;
using Orders.Domain.Orders;
using Orders.Infrastructure.Exchange.Market;

namespace Orders.ExchangeTests;

/// <summary>The simulated market's rules, its time driven by a fake clock.</summary>
public sealed class SimulatedMarketTests : IDisposable
{
    private const string Instrument = "US0378331005";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly MarketOptions _options = new();
    private readonly SimulatedMarket _market;

    public SimulatedMarketTests() => _market = new SimulatedMarket(_options, _time);

    [Fact]
    public void A_market_order_fills_within_the_fill_delay_in_one_to_three_executions_that_add_up_to_its_quantity()
    {
        var orders = Enumerable.Range(1, 20).Select(quantity => AMarketOrder(quantity)).ToList();
        orders.ForEach(order => _market.Place(order));
        orders.ShouldAllBe(order => _market.Status(order.ClientOrderId).Executions.Count == 0, "nothing fills at the moment of placement");

        _time.Advance(_options.FillDelay);

        var fillCounts = new List<int>();
        foreach (var order in orders)
        {
            var status = _market.Status(order.ClientOrderId);
            status.State.ShouldBe(ExchangeOrderState.Filled);
            var fills = status.Executions;
            fills.ShouldAllBe(fill => fill.Kind == ExecutionKind.Fill);
            fills.Count.ShouldBeInRange(1, 3);
            fills.Sum(fill => fill.LastQuantity).ShouldBe(order.Quantity);
            fills[^1].CumulativeQuantity.ShouldBe(order.Quantity);
            fills[^1].LeavesQuantity.ShouldBe(0);
            fillCounts.Add(fills.Count);
        }

        fillCounts.Distinct().Count().ShouldBeGreaterThan(1, "the number of executions varies");
    }

    [Fact]
    public void A_buy_limit_far_above_the_price_fills_at_once_and_whole_at_the_price()
    {
        var price = _market.PriceOf(Instrument);
        var order = ALimitOrder(OrderSide.Buy, 1_000_000m, quantity: 7);

        _market.Place(order);

        var status = _market.Status(order.ClientOrderId);
        status.State.ShouldBe(ExchangeOrderState.Filled);
        var fill = status.Executions.ShouldHaveSingleItem();
        fill.ShouldBe(fill with { Kind = ExecutionKind.Fill, LastQuantity = 7, LastPrice = price, CumulativeQuantity = 7, LeavesQuantity = 0, AveragePrice = price });
    }

    [Fact]
    public void A_sell_limit_far_below_the_price_fills_at_once()
    {
        var order = ALimitOrder(OrderSide.Sell, 0.01m);

        _market.Place(order);

        _market.Status(order.ClientOrderId).State.ShouldBe(ExchangeOrderState.Filled);
    }

    [Fact]
    public void A_buy_limit_of_a_cent_rests_and_can_be_cancelled()
    {
        var order = ALimitOrder(OrderSide.Buy, 0.01m, quantity: 5);
        var (exchangeOrderId, _) = _market.Place(order);

        _time.Advance(TimeSpan.FromMinutes(10));
        _market.Status(order.ClientOrderId).ShouldSatisfyAllConditions(
            status => status.State.ShouldBe(ExchangeOrderState.Open),
            status => status.Executions.ShouldBeEmpty());
        _market.Cancel(order.ClientOrderId);

        var cancelled = _market.Status(order.ClientOrderId);
        cancelled.State.ShouldBe(ExchangeOrderState.Cancelled);
        var report = cancelled.Executions.ShouldHaveSingleItem();
        report.ShouldBe(report with
        {
            ClientOrderId = order.ClientOrderId,
            ExchangeOrderId = exchangeOrderId,
            Kind = ExecutionKind.Cancelled,
            LastQuantity = 0,
            CumulativeQuantity = 0,
            LeavesQuantity = 0,
        });
        Published().ShouldBe([report]);
    }

    [Fact]
    public void When_the_price_reaches_several_resting_orders_the_oldest_fills_first()
    {
        var limit = _market.PriceOf(Instrument) - 0.01m;
        var orders = Enumerable.Range(0, 3).Select(_ => ALimitOrder(OrderSide.Buy, limit)).ToList();
        orders.ForEach(order => _market.Place(order));

        for (var tick = 0; orders.Any(order => _market.Status(order.ClientOrderId).State == ExchangeOrderState.Open); tick++)
        {
            tick.ShouldBeLessThan(10_000, "the walk comes down a cent within 1000 s");
            _time.Advance(_options.TickInterval);
        }

        var fills = orders.Select(order => _market.Status(order.ClientOrderId).Executions.ShouldHaveSingleItem()).ToList();
        fills.Select(fill => fill.Sequence).ShouldBeInOrder(SortDirection.Ascending, "the oldest order's fill comes first");
        fills.Select(fill => fill.TransactTime).Distinct().ShouldHaveSingleItem("one move of the price reached them all");
        fills.ShouldAllBe(fill => fill.LastPrice <= limit);
    }

    [Fact]
    public void A_cancel_after_the_fill_is_rejected_as_too_late()
    {
        var order = ALimitOrder(OrderSide.Buy, 1_000_000m, quantity: 3);
        _market.Place(order);

        _market.Cancel(order.ClientOrderId);

        var status = _market.Status(order.ClientOrderId);
        status.State.ShouldBe(ExchangeOrderState.Filled);
        var rejected = status.Executions[^1];
        rejected.ShouldBe(rejected with { Kind = ExecutionKind.CancelRejected, Reason = "too late", CumulativeQuantity = 3, LeavesQuantity = 0 });
    }

    [Fact]
    public void A_cancel_for_an_order_the_market_never_held_is_rejected_as_unknown_and_the_status_says_unknown()
    {
        var clientOrderId = Guid.CreateVersion7();

        _market.Cancel(clientOrderId);

        var rejected = Published().ShouldHaveSingleItem();
        rejected.ShouldBe(rejected with
        {
            ClientOrderId = clientOrderId, ExchangeOrderId = SimulatedMarket.NoOrderId, Kind = ExecutionKind.CancelRejected, Reason = "unknown order",
        });
        _market.Status(clientOrderId).ShouldBe(ExchangeOrderStatus.Unknown);
    }

    [Fact]
    public void A_cancel_asked_again_is_answered_with_the_first_answer_again_and_nothing_new()
    {
        var order = ALimitOrder(OrderSide.Buy, 0.01m);
        _market.Place(order);

        _market.Cancel(order.ClientOrderId);
        _market.Cancel(order.ClientOrderId);

        var answers = Published();
        answers.Count.ShouldBe(2);
        answers[1].ShouldBeSameAs(answers[0]);
        _market.Executions(null, 0, 100).Reports.ShouldHaveSingleItem().ShouldBe(answers[0]);
        _market.Status(order.ClientOrderId).State.ShouldBe(ExchangeOrderState.Cancelled);
    }

    [Fact]
    public void A_partly_filled_market_order_is_open_with_its_fills_and_a_cancel_keeps_them_and_stops_the_rest()
    {
        var orders = Enumerable.Range(0, 10).Select(_ => AMarketOrder(30)).ToList();
        orders.ForEach(order => _market.Place(order));
        _time.Advance(_options.FillDelay / 3);
        var partly = orders.Select(order => _market.Status(order.ClientOrderId))
            .Where(status => status is { State: ExchangeOrderState.Open, Executions.Count: > 0 })
            .ToList();
        partly.ShouldNotBeEmpty("an order in three executions has its first after a third of the fill delay");
        var open = partly[0];
        var filled = open.Executions[^1].CumulativeQuantity;
        filled.ShouldBeInRange(1, 29);
        var clientOrderId = open.Executions[0].ClientOrderId;

        _market.Cancel(clientOrderId);
        _time.Advance(_options.FillDelay);

        var cancelled = _market.Status(clientOrderId);
        cancelled.State.ShouldBe(ExchangeOrderState.Cancelled);
        cancelled.Executions.Count.ShouldBe(open.Executions.Count + 1, "no fill after the cancel");
        var report = cancelled.Executions[^1];
        report.ShouldBe(report with { Kind = ExecutionKind.Cancelled, CumulativeQuantity = filled, LeavesQuantity = 0 });
    }

    [Fact]
    public void Placing_the_same_client_order_id_again_answers_with_the_first_placement_and_fills_once()
    {
        var order = ALimitOrder(OrderSide.Buy, 1_000_000m);

        var first = _market.Place(order);
        var again = _market.Place(order);

        first.Placed.ShouldBeTrue();
        again.ShouldBe((first.ExchangeOrderId, false));
        _market.Status(order.ClientOrderId).Executions.ShouldHaveSingleItem();
    }

    [Fact]
    public void Reports_are_numbered_one_after_the_other_in_the_session_with_unique_execution_ids_and_published_in_that_order()
    {
        var orders = Enumerable.Range(1, 30).Select(quantity => AMarketOrder(quantity)).ToList();
        orders.ForEach(order => _market.Place(order));
        _time.Advance(_options.FillDelay);
        orders.Take(5).ToList().ForEach(order => _market.Cancel(order.ClientOrderId));

        var page = _market.Executions(null, 0, 1000);

        page.SessionId.ShouldBe(_market.SessionId);
        page.Reports.Select(report => report.Sequence).ShouldBe(Enumerable.Range(1, page.Reports.Count).Select(sequence => (long)sequence));
        page.LastSequence.ShouldBe(page.Reports.Count);
        page.Reports.Select(report => report.ExecutionId).Distinct().Count().ShouldBe(page.Reports.Count);
        page.Reports.ShouldAllBe(report => report.SessionId == _market.SessionId);
        Published().ShouldBe(page.Reports);
    }

    [Fact]
    public void Executions_are_served_in_pages_after_a_sequence()
    {
        Enumerable.Range(0, 5).ToList().ForEach(_ => _market.Place(ALimitOrder(OrderSide.Buy, 1_000_000m)));

        var page = _market.Executions(_market.SessionId, 2, 2);

        page.Reports.Select(report => report.Sequence).ShouldBe([3L, 4L]);
        page.LastSequence.ShouldBe(5);
        _market.Executions(_market.SessionId, 5, 10).Reports.ShouldBeEmpty();
    }

    [Fact]
    public void A_new_market_is_a_new_session_and_asked_for_the_old_one_has_none_of_its_reports()
    {
        _market.Place(ALimitOrder(OrderSide.Buy, 1_000_000m));
        using var restarted = new SimulatedMarket(_options, _time);
        restarted.Place(ALimitOrder(OrderSide.Buy, 1_000_000m));

        var page = restarted.Executions(_market.SessionId, 0, 10);

        restarted.SessionId.ShouldNotBe(_market.SessionId);
        page.SessionId.ShouldBe(restarted.SessionId);
        page.LastSequence.ShouldBe(1);
        page.Reports.ShouldBeEmpty();
    }

    [Fact]
    public void The_same_seed_walks_the_same_way()
    {
        var otherTime = new FakeTimeProvider(_time.GetUtcNow());
        using var twin = new SimulatedMarket(_options, otherTime);

        var prices = Walk(_market, _time, 50);

        Walk(twin, otherTime, 50).ShouldBe(prices, "the same seed");
        prices.Distinct().Count().ShouldBeGreaterThan(1, "the price moves");
    }

    [Fact]
    public void In_an_hour_the_price_stays_within_its_band_so_a_buy_limit_at_150_25_rests()
    {
        var benchmarkOrder = ALimitOrder(OrderSide.Buy, 150.25m);
        _market.Place(benchmarkOrder);

        var prices = Walk(_market, _time, (int)(TimeSpan.FromHours(1) / _options.TickInterval));

        prices.Min().ShouldBeGreaterThanOrEqualTo(180m);
        prices.Max().ShouldBeLessThanOrEqualTo(220m);
        _market.Status(benchmarkOrder.ClientOrderId).ShouldSatisfyAllConditions(
            status => status.State.ShouldBe(ExchangeOrderState.Open),
            status => status.Executions.ShouldBeEmpty());
    }

    public void Dispose() => _market.Dispose();

    private List<decimal> Walk(SimulatedMarket market, FakeTimeProvider time, int ticks)
    {
        var prices = new List<decimal>();
        for (var tick = 0; tick < ticks; tick++)
        {
            time.Advance(_options.TickInterval);
            prices.Add(market.PriceOf(Instrument));
        }

        return prices;
    }

    private List<ExecutionReport> Published()
    {
        var reports = new List<ExecutionReport>();
        while (_market.Reports.TryRead(out var report))
        {
            reports.Add(report);
        }

        return reports;
    }

    private static ExchangeOrder AMarketOrder(int quantity) =>
        new(Guid.CreateVersion7(), OrderType.Market, OrderSide.Buy, Instrument, null, quantity);

    private static ExchangeOrder ALimitOrder(OrderSide side, decimal limit, int quantity = 10) =>
        new(Guid.CreateVersion7(), OrderType.Limit, side, Instrument, limit, quantity);
}
