using Ardalis.Result;
using Microsoft.Extensions.Time.Testing;
using Orders.Application.Orders.RedriveOrder;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Orders.RedriveOrder;

public sealed class RedriveOrderCommandHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_order_that_has_not_failed_is_a_conflict_naming_its_status_as_the_contract_does()
    {
        var orders = new FakeOrderRepository();
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 10, Now);
        order.Apply(new Execution(ExecutionType.Fill, "E-1", "EX-1", 4, 100m, Now, null), Now);
        orders.Add(order);
        var audit = new FakeAuditLog();

        var result = await Handler(orders, audit).Handle(new RedriveOrderCommand(order.Id), CancellationToken.None);

        audit.Entries.ShouldBeEmpty();
        result.Status.ShouldBe(ResultStatus.Conflict);
        result.Errors.ShouldBe([$"Order '{order.Id}' is partially_filled; only a failed order can be re-driven."]);
        order.Status.ShouldBe(OrderStatus.PartiallyFilled);
    }

    [Fact]
    public async Task A_failed_order_is_pending_again()
    {
        var orders = new FakeOrderRepository();
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 10, Now);
        order.MarkFailed("exchange unreachable", Now);
        orders.Add(order);
        var audit = new FakeAuditLog();

        var result = await Handler(orders, audit).Handle(new RedriveOrderCommand(order.Id), CancellationToken.None);

        result.Value.ShouldBe(new RedriveOrderResponse(order.Id, OrderStatus.Pending));
        var entry = audit.Entries.ShouldHaveSingleItem();
        (entry.Actor, entry.Action, entry.Target, entry.At).ShouldBe((FakeAuditLog.Operator, "order.redrive", order.Id.ToString(), Now.UtcDateTime));
    }

    private static RedriveOrderCommandHandler Handler(FakeOrderRepository orders, FakeAuditLog audit)
    {
        var timeProvider = new FakeTimeProvider(Now);
        return new RedriveOrderCommandHandler(orders, audit.Audit(timeProvider), timeProvider);
    }
}
