using Ardalis.Result;
using Microsoft.Extensions.Time.Testing;
using Orders.Application.Orders.CancelOpenOrders;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Orders.CancelOpenOrders;

public sealed class CancelOpenOrdersCommandHandlerTests
{
    private const string Apple = "US0378331005";
    private const string Microsoft = "US5949181045";
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 13, 0, 0, TimeSpan.Zero);

    private readonly FakeOrderRepository _orders = new();
    private readonly FakePlacementWithdrawal _placements = new();

    [Fact]
    public async Task Open_orders_of_the_instrument_are_cancelling_or_cancelled_and_the_others_are_left_alone()
    {
        var unsent = Add(Apple, Now);
        _placements.Unsent.Add(unsent.Id);
        var sent = Add(Apple, Now.AddSeconds(1));
        var placed = Add(Apple, Now.AddSeconds(2));
        placed.MarkPlaced("EX-1", Now);
        var filled = Add(Apple, Now.AddSeconds(3));
        filled.Apply(new Execution(ExecutionType.Fill, "E-1", "EX-2", 10, 1m, Now, null), Now);
        var otherInstrument = Add(Microsoft, Now.AddSeconds(4));

        var result = await HandleAsync(Apple);

        result.Value.Orders.Cancelling.ShouldBe([sent.Id, placed.Id]);
        result.Value.Orders.Cancelled.ShouldBe([unsent.Id]);
        result.Value.More.ShouldBeTrue();
        (await HandleAsync(Apple)).Value.More.ShouldBeFalse("no open order is left");
        (unsent.Status, sent.Status, placed.Status, filled.Status, otherInstrument.Status)
            .ShouldBe((OrderStatus.Cancelled, OrderStatus.Cancelling, OrderStatus.Cancelling, OrderStatus.Filled, OrderStatus.Pending));
    }

    [Fact]
    public async Task A_batch_takes_at_most_the_batch_size_and_the_next_takes_the_rest()
    {
        var all = Enumerable.Range(0, CancelOpenOrdersCommand.BatchSize + 1).Select(index => Add(Apple, Now.AddSeconds(index))).ToList();

        var first = await HandleAsync(instrument: null);
        var second = await HandleAsync(instrument: null);

        first.Value.More.ShouldBeTrue();
        first.Value.Orders.Cancelling.ShouldBe(all.Take(CancelOpenOrdersCommand.BatchSize).Select(order => order.Id));
        second.Value.Orders.Cancelling.ShouldBe([all[^1].Id]);
    }

    private Order Add(string instrument, DateTimeOffset createdAt)
    {
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Limit, OrderSide.Buy, instrument, 0.01m, 10, createdAt);
        _orders.Add(order);
        return order;
    }

    private Task<Result<CancelOpenOrdersBatch>> HandleAsync(string? instrument) =>
        new CancelOpenOrdersCommandHandler(_orders, _placements, new FakeTimeProvider(Now))
            .Handle(new CancelOpenOrdersCommand(AccountRules.DefaultAccountId, instrument), CancellationToken.None);
}
