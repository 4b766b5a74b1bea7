using Microsoft.Extensions.Time.Testing;
using Orders.Application.Orders.RedriveDeadLetters;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Orders.RedriveDeadLetters;

public sealed class RedriveDeadLettersCommandHandlerTests
{
    private const string GaveUp = "Not placed within 01:00:00: connection not available";

    private static readonly DateTimeOffset Now = new(2026, 3, 14, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_dry_run_counts_the_group_and_changes_nothing()
    {
        var (orders, audit) = Failed();

        var result = await Handler(orders, audit).Handle(new RedriveDeadLettersCommand(GaveUp, DryRun: true), CancellationToken.None);

        result.Value.ShouldBe(new RedriveDeadLettersResponse(GaveUp, DryRun: true, Redriven: 0, Remaining: 2));
        orders.Added.Count(order => order.Status == OrderStatus.Failed).ShouldBe(3);
        audit.Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_batch_re_drives_the_groups_orders_only_each_audited_as_a_re_drive_of_its_own()
    {
        var (orders, audit) = Failed();

        var result = await Handler(orders, audit).Handle(new RedriveDeadLettersCommand(GaveUp, DryRun: false), CancellationToken.None);

        result.Value.ShouldBe(new RedriveDeadLettersResponse(GaveUp, DryRun: false, Redriven: 2, Remaining: 0));
        orders.Added.Select(order => order.Status).ShouldBe([OrderStatus.Pending, OrderStatus.Pending, OrderStatus.Failed]);
        audit.Entries.Select(entry => (entry.Actor, entry.Action, entry.Target)).ShouldBe(
            orders.Added.Take(2).Select(order => (FakeAuditLog.Operator, "order.redrive", order.Id.ToString())));
    }

    private static (FakeOrderRepository Orders, FakeAuditLog Audit) Failed()
    {
        var orders = new FakeOrderRepository();
        foreach (var reason in new[] { "Not placed within 01:00:00 (3 attempts): connection not available", "Not placed within 01:00:00 (7 attempts): connection not available", "Rejected by the exchange: halted" })
        {
            var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 10, Now);
            order.MarkFailed(reason, Now);
            orders.Add(order);
        }

        return (orders, new FakeAuditLog());
    }

    private static RedriveDeadLettersCommandHandler Handler(FakeOrderRepository orders, FakeAuditLog audit)
    {
        var timeProvider = new FakeTimeProvider(Now);
        return new RedriveDeadLettersCommandHandler(new FakeDeadLetters(orders), orders, audit.Audit(timeProvider), timeProvider);
    }
}
