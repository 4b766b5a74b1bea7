using Orders.Domain.Accounts;
using Orders.Domain.Orders;

namespace Orders.UnitTests.Domain.Orders;

/// <summary>What a client's request to cancel decides, for an order in each status.</summary>
public sealed class OrderCancelRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddSeconds(5);

    [Fact]
    public void A_pending_order_that_cannot_have_been_sent_is_cancelled_at_once()
    {
        var order = PendingOrder();

        order.RequestCancel(mayHaveBeenSent: false, Later).ShouldBe(CancelRequestOutcome.CancelledNow);

        order.Status.ShouldBe(OrderStatus.Cancelled);
        order.History[^1].ShouldSatisfyAllConditions(
            change => change.Status.ShouldBe(OrderStatus.Cancelled),
            change => change.ChangedAt.ShouldBe(Later.UtcDateTime),
            change => change.Reason.ShouldBe("Cancelled before it was sent to the exchange"));
    }

    [Fact]
    public void A_pending_order_that_may_have_been_sent_is_cancelling()
    {
        var order = PendingOrder();

        order.RequestCancel(mayHaveBeenSent: true, Later).ShouldBe(CancelRequestOutcome.Cancelling);

        order.Status.ShouldBe(OrderStatus.Cancelling);
        order.History.Select(change => (change.Status, change.ChangedAt)).ShouldBe([(OrderStatus.Pending, Now.UtcDateTime), (OrderStatus.Cancelling, Later.UtcDateTime)]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void A_placed_or_partly_filled_order_is_cancelling_whatever_the_caller_says(int filled)
    {
        var order = PlacedOrder();
        if (filled > 0)
        {
            order.Apply(Fill("E-1", filled), Now);
        }

        order.RequestCancel(mayHaveBeenSent: false, Later).ShouldBe(CancelRequestOutcome.Cancelling);

        order.Status.ShouldBe(OrderStatus.Cancelling);
    }

    [Fact]
    public void A_cancel_on_its_way_to_the_exchange_raises_one_event_naming_the_order()
    {
        var order = PlacedOrder();
        order.ClearDomainEvents();

        order.RequestCancel(mayHaveBeenSent: true, Later);

        order.DomainEvents.ShouldHaveSingleItem().ShouldBe(new OrderCancelRequestedDomainEvent(order.Id));
    }

    [Fact]
    public void A_pending_order_cancelled_at_once_raises_no_event()
    {
        var order = PendingOrder();
        order.ClearDomainEvents();

        order.RequestCancel(mayHaveBeenSent: false, Later);

        order.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void Asking_again_while_cancelling_changes_nothing_and_sends_no_second_cancel()
    {
        var order = PlacedOrder();
        order.RequestCancel(mayHaveBeenSent: true, Now);
        order.ClearDomainEvents();
        var historyBefore = order.History.Count;

        order.RequestCancel(mayHaveBeenSent: true, Later).ShouldBe(CancelRequestOutcome.AlreadyCancelling);

        order.Status.ShouldBe(OrderStatus.Cancelling);
        order.History.Count.ShouldBe(historyBefore);
        order.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void Asking_again_once_cancelled_changes_nothing()
    {
        var order = PendingOrder();
        order.RequestCancel(mayHaveBeenSent: false, Now);
        var historyBefore = order.History.Count;

        order.RequestCancel(mayHaveBeenSent: true, Later).ShouldBe(CancelRequestOutcome.AlreadyCancelled);

        order.Status.ShouldBe(OrderStatus.Cancelled);
        order.History.Count.ShouldBe(historyBefore);
    }

    [Fact]
    public void A_filled_order_is_not_cancellable()
    {
        var order = PlacedOrder();
        order.Apply(Fill("E-1", 10), Now);
        var historyBefore = order.History.Count;

        order.RequestCancel(mayHaveBeenSent: true, Later).ShouldBe(CancelRequestOutcome.NotCancellable);

        order.Status.ShouldBe(OrderStatus.Filled);
        order.History.Count.ShouldBe(historyBefore);
    }

    [Fact]
    public void A_failed_order_is_not_cancellable()
    {
        var order = PendingOrder();
        order.MarkFailed("exchange unreachable", Now);

        order.RequestCancel(mayHaveBeenSent: false, Later).ShouldBe(CancelRequestOutcome.NotCancellable);

        order.Status.ShouldBe(OrderStatus.Failed);
        order.History.Count.ShouldBe(2);
    }

    [Fact]
    public void An_order_whose_cancel_was_refused_can_be_cancelled_again()
    {
        var order = PlacedOrder();
        order.Apply(Fill("E-1", 4), Now);
        order.RequestCancel(mayHaveBeenSent: true, Now);
        order.Apply(new Execution(ExecutionType.CancelRejected, "E-2", "EX-1", 0, 0, Now, "too late"), Now);

        order.RequestCancel(mayHaveBeenSent: true, Later).ShouldBe(CancelRequestOutcome.Cancelling);

        order.Status.ShouldBe(OrderStatus.Cancelling);
    }

    private static Order PendingOrder() => Order.Accept(AccountRules.DefaultAccountId, OrderType.Limit, OrderSide.Buy, "US0378331005", 0.01m, 10, Now);

    private static Order PlacedOrder()
    {
        var order = PendingOrder();
        order.MarkPlaced("EX-1", Now);
        return order;
    }

    private static Execution Fill(string id, int quantity) => new(ExecutionType.Fill, id, "EX-1", quantity, 0.01m, Now, null);
}
