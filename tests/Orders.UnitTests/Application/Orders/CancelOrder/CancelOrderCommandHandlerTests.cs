using Ardalis.Result;
using Microsoft.Extensions.Time.Testing;
using Orders.Application.Orders.CancelOrder;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Orders.CancelOrder;

public sealed class CancelOrderCommandHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 13, 0, 0, TimeSpan.Zero);

    private readonly FakeOrderRepository _orders = new();
    private readonly FakePlacementWithdrawal _placements = new();

    [Fact]
    public async Task An_unknown_order_is_not_found()
    {
        var id = Guid.NewGuid();

        var result = await HandleAsync(id);

        result.Status.ShouldBe(ResultStatus.NotFound);
        result.Errors.ShouldBe([$"Order '{id}' was not found."]);
    }

    [Fact]
    public async Task Another_accounts_order_is_not_found_exactly_as_an_unknown_one_and_stays_as_it_is()
    {
        var order = Pending();
        _placements.Unsent.Add(order.Id);

        var result = await HandleAsync(order.Id, accountId: Guid.CreateVersion7());

        result.Status.ShouldBe(ResultStatus.NotFound);
        result.Errors.ShouldBe([$"Order '{order.Id}' was not found."]);
        order.Status.ShouldBe(OrderStatus.Pending);
        _placements.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_pending_order_whose_placement_is_withdrawn_is_cancelled_at_once_and_nothing_goes_to_the_exchange()
    {
        var order = Pending();
        _placements.Unsent.Add(order.Id);

        var result = await HandleAsync(order.Id);

        result.Value.ShouldBe(new CancelOrderResponse(order.Id, OrderStatus.Cancelled));
        _placements.Requests.ShouldBe([order.Id]);
        order.DomainEvents.OfType<OrderCancelRequestedDomainEvent>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_pending_order_whose_placement_may_have_been_sent_is_cancelling_and_its_cancel_goes_to_the_exchange()
    {
        var order = Pending();

        var result = await HandleAsync(order.Id);

        result.Value.ShouldBe(new CancelOrderResponse(order.Id, OrderStatus.Cancelling));
        order.DomainEvents.OfType<OrderCancelRequestedDomainEvent>().ShouldBe([new OrderCancelRequestedDomainEvent(order.Id)]);
    }

    [Fact]
    public async Task A_placed_order_is_cancelling_without_touching_its_placement()
    {
        var order = Pending();
        order.MarkPlaced("EX-1", Now);
        _placements.Unsent.Add(order.Id);

        var result = await HandleAsync(order.Id);

        result.Value.ShouldBe(new CancelOrderResponse(order.Id, OrderStatus.Cancelling));
        _placements.Requests.ShouldBeEmpty();
        order.DomainEvents.OfType<OrderCancelRequestedDomainEvent>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Asking_again_while_cancelling_answers_cancelling_and_sends_no_second_cancel()
    {
        var order = Pending();
        order.MarkPlaced("EX-1", Now);
        await HandleAsync(order.Id);

        var result = await HandleAsync(order.Id);

        result.Value.ShouldBe(new CancelOrderResponse(order.Id, OrderStatus.Cancelling));
        order.DomainEvents.OfType<OrderCancelRequestedDomainEvent>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_cancelled_order_answers_cancelled_and_changes_nothing()
    {
        var order = Pending();
        _placements.Unsent.Add(order.Id);
        await HandleAsync(order.Id);
        var history = order.History.Count;

        var result = await HandleAsync(order.Id);

        result.Value.ShouldBe(new CancelOrderResponse(order.Id, OrderStatus.Cancelled));
        order.History.Count.ShouldBe(history);
    }

    [Fact]
    public async Task A_filled_order_is_a_conflict_naming_its_status()
    {
        var order = Pending();
        order.Apply(new Execution(ExecutionType.Fill, "E-1", "EX-1", 10, 100m, Now, null), Now);

        var result = await HandleAsync(order.Id);

        result.Status.ShouldBe(ResultStatus.Conflict);
        result.Errors.ShouldBe([$"Order '{order.Id}' is filled; only an open order can be cancelled."]);
        order.Status.ShouldBe(OrderStatus.Filled);
    }

    [Fact]
    public async Task A_failed_order_is_a_conflict_and_its_placement_is_left_alone()
    {
        var order = Pending();
        order.MarkFailed("exchange unreachable", Now);

        var result = await HandleAsync(order.Id);

        result.Status.ShouldBe(ResultStatus.Conflict);
        result.Errors.ShouldBe([$"Order '{order.Id}' is failed; only an open order can be cancelled."]);
        _placements.Requests.ShouldBeEmpty();
    }

    private Order Pending()
    {
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Limit, OrderSide.Buy, "US0378331005", 0.01m, 10, Now);
        _orders.Add(order);
        return order;
    }

    private Task<Result<CancelOrderResponse>> HandleAsync(Guid id, Guid? accountId = null) =>
        new CancelOrderCommandHandler(_orders, _placements, new FakeTimeProvider(Now))
            .Handle(new CancelOrderCommand(accountId ?? AccountRules.DefaultAccountId, id), CancellationToken.None);
}
