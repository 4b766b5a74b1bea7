using System.Globalization;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;

namespace Orders.UnitTests.Domain.Orders;

/// <summary>The exchange's reports applied to an order: fills, cancels, refused cancels, and their races with placement and cancel.</summary>
public sealed class OrderExecutionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddSeconds(5);
    private static readonly DateTime LaterStored = Later.UtcDateTime;
    private static readonly DateTimeOffset Executed = new(2026, 3, 14, 13, 0, 1, TimeSpan.Zero);

    [Fact]
    public void A_new_order_has_nothing_filled_no_average_price_and_no_executions()
    {
        var order = PendingOrder(10);

        order.FilledQuantity.ShouldBe(0);
        order.AveragePrice.ShouldBeNull();
        order.Executions.ShouldBeEmpty();
    }

    [Fact]
    public void A_fill_of_part_of_a_placed_order_makes_it_partially_filled_and_says_so_in_its_history()
    {
        var order = PlacedOrder(10);

        order.Apply(Fill("E-1", 4, 101.25m), Later).ShouldBe(new ExecutionOutcome.Applied());

        order.Status.ShouldBe(OrderStatus.PartiallyFilled);
        order.FilledQuantity.ShouldBe(4);
        order.AveragePrice.ShouldBe(101.25m);
        var execution = order.Executions.ShouldHaveSingleItem();
        (execution.ExecutionId, execution.Type, execution.Quantity, execution.Price, execution.ExecutedAt)
            .ShouldBe(("E-1", ExecutionType.Fill, 4, 101.25m, Executed.UtcDateTime));
        order.History[^1].ShouldSatisfyAllConditions(
            change => change.Status.ShouldBe(OrderStatus.PartiallyFilled),
            change => change.ChangedAt.ShouldBe(LaterStored),
            change => change.Reason.ShouldBe("4 filled at 101.25 (execution E-1)"));
    }

    [Fact]
    public void Fills_of_the_whole_quantity_make_the_order_filled_at_their_weighted_average_price_rounded_to_4_places()
    {
        var order = PlacedOrder(3);

        order.Apply(Fill("E-1", 1, 10.01m), Later);
        order.Apply(Fill("E-2", 2, 10.02m), Later);

        order.Status.ShouldBe(OrderStatus.Filled);
        order.FilledQuantity.ShouldBe(3);
        order.AveragePrice.ShouldBe(10.0167m); // 30.05 / 3 = 10.01666...
        order.History.Select(change => change.Status).ShouldBe([OrderStatus.Pending, OrderStatus.Placed, OrderStatus.PartiallyFilled, OrderStatus.Filled]);
    }

    [Fact]
    public void An_average_price_halfway_between_two_rounds_away_from_zero()
    {
        var order = PlacedOrder(2);

        order.Apply(Fill("E-1", 1, 0.0002m), Later);
        order.Apply(Fill("E-2", 1, 0.0003m), Later);

        order.AveragePrice.ShouldBe(0.0003m);
    }

    [Fact]
    public void The_history_writes_a_fills_price_the_same_under_any_culture()
    {
        var order = PlacedOrder(10);
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            order.Apply(Fill("E-1", 4, 1234.5m), Later);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        order.History[^1].Reason.ShouldBe("4 filled at 1234.5 (execution E-1)");
    }

    [Fact]
    public void A_report_applied_again_is_a_duplicate_and_changes_nothing()
    {
        var order = PlacedOrder(10);
        order.Apply(Fill("E-1", 4, 101.25m), Later);
        var historyBefore = order.History.Count;

        order.Apply(Fill("E-1", 4, 101.25m), Later.AddSeconds(1)).ShouldBe(new ExecutionOutcome.Duplicate());

        order.FilledQuantity.ShouldBe(4);
        order.Executions.Count.ShouldBe(1);
        order.History.Count.ShouldBe(historyBefore);
    }

    [Fact]
    public void A_refused_cancel_applied_again_is_a_duplicate_and_adds_no_second_history_entry()
    {
        var order = PlacedOrder(10);
        order.RequestCancel(mayHaveBeenSent: true, Later);
        order.Apply(CancelRejected("E-9"), Later);
        var historyBefore = order.History.Count;

        order.Apply(CancelRejected("E-9"), Later).ShouldBe(new ExecutionOutcome.Duplicate());

        order.History.Count.ShouldBe(historyBefore);
    }

    [Fact]
    public void A_fill_that_would_overfill_the_order_is_rejected_and_changes_nothing()
    {
        var order = PlacedOrder(10);
        order.Apply(Fill("E-1", 8, 100m), Later);
        var historyBefore = order.History.Count;

        var outcome = order.Apply(Fill("E-2", 3, 100m), Later);

        outcome.ShouldBe(new ExecutionOutcome.Rejected("Overfill: a fill of 3 would make 11 filled of 10"));
        order.FilledQuantity.ShouldBe(8);
        order.Status.ShouldBe(OrderStatus.PartiallyFilled);
        order.Executions.Count.ShouldBe(1);
        order.History.Count.ShouldBe(historyBefore);
    }

    [Fact]
    public void A_fill_of_a_filled_order_is_an_overfill()
    {
        var order = PlacedOrder(2);
        order.Apply(Fill("E-1", 2, 100m), Later);

        order.Apply(Fill("E-2", 1, 100m), Later).ShouldBeOfType<ExecutionOutcome.Rejected>();

        order.Status.ShouldBe(OrderStatus.Filled);
        order.FilledQuantity.ShouldBe(2);
    }

    [Fact]
    public void A_report_naming_another_exchange_order_is_rejected()
    {
        var order = PlacedOrder(10);

        var outcome = order.Apply(Fill("E-1", 1, 100m) with { ExchangeOrderId = "EX-2" }, Later);

        outcome.ShouldBe(new ExecutionOutcome.Rejected("The report names exchange order 'EX-2'; the order is 'EX-1' at the exchange"));
        order.FilledQuantity.ShouldBe(0);
        order.Executions.ShouldBeEmpty();
    }

    public static TheoryData<Execution, string> MalformedReports => new()
    {
        { Fill("E-1", 0, 100m), OrderRules.FillQuantityMessage },
        { Fill("E-1", -1, 100m), OrderRules.FillQuantityMessage },
        { Fill("E-1", 1, 0m), OrderRules.FillPriceMessage },
        { Fill("E-1", 1, -5m), OrderRules.FillPriceMessage },
        { Fill("E-1", 1, 100.00001m), OrderRules.FillPriceMessage },
        { Fill(" ", 1, 100m), OrderRules.ExecutionIdMessage },
        { Fill(new string('E', 129), 1, 100m), OrderRules.ExecutionIdMessage },
        { Fill("E-1", 1, 100m) with { ExchangeOrderId = new string('X', 129) }, OrderRules.ExchangeOrderIdMessage },
        { Fill("E-1", 1, 100m) with { ExchangeOrderId = "" }, OrderRules.ExchangeOrderIdMessage },
        { Cancelled("E-1") with { ExchangeOrderId = " " }, OrderRules.ExchangeOrderIdMessage },
    };

    [Theory]
    [MemberData(nameof(MalformedReports))]
    public void A_malformed_report_is_rejected_with_the_rule_it_breaks(Execution report, string reason)
    {
        var order = PlacedOrder(10);

        order.Apply(report, Later).ShouldBe(new ExecutionOutcome.Rejected(reason));

        order.Executions.ShouldBeEmpty();
        order.Status.ShouldBe(OrderStatus.Placed);
    }

    [Fact]
    public void A_fill_with_4_decimal_places_is_taken()
    {
        var order = PlacedOrder(10);

        order.Apply(Fill("E-1", 1, 100.0001m), Later).ShouldBe(new ExecutionOutcome.Applied());

        order.AveragePrice.ShouldBe(100.0001m);
    }

    [Fact]
    public void A_fill_before_the_placement_confirmation_places_the_order_from_the_report()
    {
        var order = PendingOrder(10);

        order.Apply(Fill("E-1", 4, 100m), Later).ShouldBe(new ExecutionOutcome.Applied());

        order.Status.ShouldBe(OrderStatus.PartiallyFilled);
        order.ExchangeOrderId.ShouldBe("EX-1");
        order.PlacedAt.ShouldBe(LaterStored);
        order.History.Select(change => (change.Status, change.Reason)).ShouldBe(
        [
            (OrderStatus.Pending, null),
            (OrderStatus.Placed, "Placed at the exchange, learned from its report"),
            (OrderStatus.PartiallyFilled, "4 filled at 100 (execution E-1)"),
        ]);
    }

    [Fact]
    public void A_placement_confirmation_after_a_fill_changes_nothing()
    {
        var order = PendingOrder(10);
        order.Apply(Fill("E-1", 10, 100m), Later);
        var historyBefore = order.History.Count;

        order.MarkPlaced("EX-1", Later.AddSeconds(1));

        order.Status.ShouldBe(OrderStatus.Filled);
        order.PlacedAt.ShouldBe(LaterStored);
        order.History.Count.ShouldBe(historyBefore);
    }

    [Fact]
    public void A_placement_confirmation_while_cancelling_records_the_placement_and_leaves_the_order_cancelling()
    {
        var order = PendingOrder(10);
        order.RequestCancel(mayHaveBeenSent: true, Now);

        order.MarkPlaced("EX-1", Later);

        order.Status.ShouldBe(OrderStatus.Cancelling);
        order.PlacedAt.ShouldBe(LaterStored);
        order.ExchangeOrderId.ShouldBe("EX-1");
        order.History.Select(change => change.Status).ShouldBe([OrderStatus.Pending, OrderStatus.Cancelling, OrderStatus.Placed]);
    }

    [Fact]
    public void A_fill_after_placement_was_given_up_is_applied_and_the_history_says_the_exchange_holds_the_order()
    {
        var order = PendingOrder(10);
        order.MarkFailed("exchange unreachable", Now);

        order.Apply(Fill("E-1", 4, 100m), Later).ShouldBe(new ExecutionOutcome.Applied());

        order.Status.ShouldBe(OrderStatus.PartiallyFilled);
        order.FailureReason.ShouldBeNull();
        order.ExchangeOrderId.ShouldBe("EX-1");
        order.History.Select(change => (change.Status, change.Reason)).ShouldBe(
        [
            (OrderStatus.Pending, null),
            (OrderStatus.Failed, "exchange unreachable"),
            (OrderStatus.Placed, "The exchange holds the order although its placement was given up"),
            (OrderStatus.PartiallyFilled, "4 filled at 100 (execution E-1)"),
        ]);
    }

    [Fact]
    public void A_cancel_of_a_partly_filled_order_ends_it_cancelled_with_its_filled_quantity_kept()
    {
        var order = PlacedOrder(10);
        order.Apply(Fill("E-1", 4, 100m), Later);
        order.RequestCancel(mayHaveBeenSent: true, Later);

        order.Apply(Cancelled("E-2"), Later).ShouldBe(new ExecutionOutcome.Applied());

        order.Status.ShouldBe(OrderStatus.Cancelled);
        order.FilledQuantity.ShouldBe(4);
        order.AveragePrice.ShouldBe(100m);
        order.History[^1].ShouldSatisfyAllConditions(
            change => change.Status.ShouldBe(OrderStatus.Cancelled),
            change => change.Reason.ShouldBe("Cancelled at the exchange"));
    }

    [Fact]
    public void A_fill_reported_after_the_cancel_is_kept_and_the_order_stays_cancelled()
    {
        var order = PlacedOrder(10);
        order.RequestCancel(mayHaveBeenSent: true, Later);
        order.Apply(Cancelled("E-2"), Later);

        order.Apply(Fill("E-1", 4, 100m), Later).ShouldBe(new ExecutionOutcome.Applied());

        order.Status.ShouldBe(OrderStatus.Cancelled);
        order.FilledQuantity.ShouldBe(4);
    }

    [Fact]
    public void A_partial_fill_while_cancelling_leaves_the_order_cancelling()
    {
        var order = PlacedOrder(10);
        order.RequestCancel(mayHaveBeenSent: true, Later);

        order.Apply(Fill("E-1", 4, 100m), Later);

        order.Status.ShouldBe(OrderStatus.Cancelling);
        order.FilledQuantity.ShouldBe(4);
    }

    [Fact]
    public void A_cancel_that_loses_to_the_fill_ends_filled_with_the_refusal_in_the_history()
    {
        var order = PlacedOrder(10);
        order.RequestCancel(mayHaveBeenSent: true, Later);

        order.Apply(Fill("E-1", 10, 100m), Later);
        order.Apply(CancelRejected("E-2"), Later).ShouldBe(new ExecutionOutcome.Applied());

        order.Status.ShouldBe(OrderStatus.Filled);
        order.History[^1].ShouldSatisfyAllConditions(
            change => change.Status.ShouldBe(OrderStatus.Filled),
            change => change.Reason.ShouldBe("cancel rejected: too late"));
    }

    [Fact]
    public void A_refused_cancel_reported_before_the_fill_takes_the_order_back_to_placed_and_the_fill_then_fills_it()
    {
        var order = PlacedOrder(10);
        order.RequestCancel(mayHaveBeenSent: true, Later);

        order.Apply(CancelRejected("E-2"), Later);

        order.Status.ShouldBe(OrderStatus.Placed);
        order.History[^1].Reason.ShouldBe("cancel rejected: too late");

        order.Apply(Fill("E-1", 10, 100m), Later);

        order.Status.ShouldBe(OrderStatus.Filled);
    }

    [Fact]
    public void A_refused_cancel_takes_a_partly_filled_order_back_to_partially_filled_in_the_exchanges_words()
    {
        var order = PlacedOrder(10);
        order.Apply(Fill("E-1", 4, 100m), Later);
        order.RequestCancel(mayHaveBeenSent: true, Later);

        order.Apply(CancelRejected("E-2", "unknown order") with { ExchangeOrderId = "" }, Later);

        order.Status.ShouldBe(OrderStatus.PartiallyFilled);
        order.History[^1].Reason.ShouldBe("cancel rejected: unknown order");
    }

    [Fact]
    public void A_refused_cancel_naming_no_exchange_order_is_applied_to_a_placed_order_not_parked()
    {
        // The exchange refuses a cancel of an order it does not hold with FIX's "NONE" for its id: the withdrawal of a
        // given-up order answered after the order was re-driven and placed.
        var order = PlacedOrder(10);

        order.Apply(CancelRejected("E-2", "unknown order") with { ExchangeOrderId = "NONE" }, Later).ShouldBe(new ExecutionOutcome.Applied());

        order.Status.ShouldBe(OrderStatus.Placed);
        order.ExchangeOrderId.ShouldBe("EX-1");
        order.History[^1].Reason.ShouldBe("cancel rejected: unknown order");
    }

    [Fact]
    public void A_refusals_reason_is_cut_to_what_the_history_keeps()
    {
        var order = PlacedOrder(10);
        order.RequestCancel(mayHaveBeenSent: true, Later);

        order.Apply(CancelRejected("E-1", new string('x', 3000)), Later);

        order.History[^1].Reason!.Length.ShouldBe(OrderRules.ReasonLength);
        order.History[^1].Reason.ShouldStartWith("cancel rejected: xxx");
    }

    [Fact]
    public void A_refused_cancel_proves_no_placement()
    {
        var order = PendingOrder(10);
        order.RequestCancel(mayHaveBeenSent: true, Now);

        order.Apply(CancelRejected("E-1", "unknown order") with { ExchangeOrderId = "" }, Later);

        order.Status.ShouldBe(OrderStatus.Pending);
        order.PlacedAt.ShouldBeNull();
    }

    [Fact]
    public void A_cancel_reported_for_a_filled_order_is_rejected()
    {
        var order = PlacedOrder(2);
        order.Apply(Fill("E-1", 2, 100m), Later);

        order.Apply(Cancelled("E-2"), Later).ShouldBe(new ExecutionOutcome.Rejected(OrderRules.FilledOrderNotCancelledMessage));

        order.Status.ShouldBe(OrderStatus.Filled);
    }

    [Fact]
    public void A_cancel_by_the_exchange_of_an_order_the_service_gave_up_on_places_and_cancels_it()
    {
        var order = PendingOrder(10);
        order.MarkFailed("exchange unreachable", Now);

        order.Apply(Cancelled("E-1"), Later);

        order.Status.ShouldBe(OrderStatus.Cancelled);
        order.ExchangeOrderId.ShouldBe("EX-1");
        order.History.Select(change => change.Status).ShouldBe([OrderStatus.Pending, OrderStatus.Failed, OrderStatus.Placed, OrderStatus.Cancelled]);
    }

    [Fact]
    public void A_failure_reported_after_a_fill_changes_nothing()
    {
        var order = PendingOrder(10);
        order.Apply(Fill("E-1", 4, 100m), Later);

        order.MarkFailed("exchange unreachable", Later);

        order.Status.ShouldBe(OrderStatus.PartiallyFilled);
        order.FailureReason.ShouldBeNull();
    }

    private static Order PendingOrder(int quantity) => Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, quantity, Now);

    private static Order PlacedOrder(int quantity)
    {
        var order = PendingOrder(quantity);
        order.MarkPlaced("EX-1", Now);
        return order;
    }

    private static Execution Fill(string id, int quantity, decimal price) => new(ExecutionType.Fill, id, "EX-1", quantity, price, Executed, null);

    private static Execution Cancelled(string id) => new(ExecutionType.Cancelled, id, "EX-1", 0, 0, Executed, null);

    private static Execution CancelRejected(string id, string reason = "too late") => new(ExecutionType.CancelRejected, id, "EX-1", 0, 0, Executed, reason);
}
