using Ardalis.Result;
using Microsoft.Extensions.Time.Testing;
using Orders.Application.Orders.PlaceAtExchange;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Orders.PlaceAtExchange;

public sealed class RecordPlacementCommandHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 13, 0, 0, TimeSpan.Zero);

    private readonly FakeOrderRepository _orders = new();
    private readonly Order _order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 3, Now.AddMinutes(-1));

    public RecordPlacementCommandHandlerTests() => _orders.Add(_order);

    [Fact]
    public async Task A_placement_marks_the_order_placed_under_the_exchange_order_id()
    {
        var result = await new RecordPlacementCommandHandler(_orders, new FakeTimeProvider(Now))
            .Handle(new RecordPlacementCommand(_order.Id, "EX-7"), CancellationToken.None);

        result.Value.ShouldBe(OrderStatus.Placed);
        _order.ExchangeOrderId.ShouldBe("EX-7");
        _order.PlacedAt.ShouldBe(Now.UtcDateTime);
    }

    [Fact]
    public async Task A_failure_marks_the_pending_order_failed_with_its_reason_cut_to_the_stored_length()
    {
        var result = await new RecordPlacementFailureCommandHandler(_orders, new FakeTimeProvider(Now))
            .Handle(new RecordPlacementFailureCommand(_order.Id, new string('x', 2500)), CancellationToken.None);

        result.Value.ShouldBe(OrderStatus.Failed);
        _order.FailureReason.ShouldBe(new string('x', 2000));
    }

    [Fact]
    public async Task An_order_that_does_not_exist_is_not_found()
    {
        var result = await new RecordPlacementCommandHandler(_orders, new FakeTimeProvider(Now))
            .Handle(new RecordPlacementCommand(Guid.NewGuid(), "EX-7"), CancellationToken.None);

        result.Status.ShouldBe(ResultStatus.NotFound);
    }
}
