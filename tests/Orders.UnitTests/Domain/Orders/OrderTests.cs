using Orders.Domain.Abstractions;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;

namespace Orders.UnitTests.Domain.Orders;

public sealed class OrderTests
{
    // 13:09:26.5358979 UTC: the last tick digit is below a microsecond and must be dropped.
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5_358_979);
    private static readonly DateTime NowStored = new DateTime(2026, 3, 14, 13, 9, 26, DateTimeKind.Utc).AddTicks(5_358_970);

    private static readonly DateTimeOffset Later = new DateTimeOffset(2026, 3, 14, 13, 9, 27, TimeSpan.Zero).AddTicks(1_234_567);
    private static readonly DateTime LaterStored = new DateTime(2026, 3, 14, 13, 9, 27, DateTimeKind.Utc).AddTicks(1_234_560);

    [Theory]
    [InlineData("ABCDEFGHIJK")]
    [InlineData("ABCDEFGHIJKLM")]
    [InlineData("")]
    [InlineData("ABCDEFGHIJé1")]
    [InlineData("ABCDEF GHIJK")]
    [InlineData("US037833100-")]
    [InlineData("US037833100５")]
    public void Accept_rejects_an_instrument_that_is_not_12_ASCII_letters_or_digits(string instrument)
    {
        var exception = Should.Throw<DomainException>(() => Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, instrument, null, 1, Now));

        exception.Message.ShouldBe(OrderRules.InstrumentMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Accept_rejects_a_quantity_that_is_not_positive(int quantity)
    {
        var exception = Should.Throw<DomainException>(() => Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, quantity, Now));

        exception.Message.ShouldBe(OrderRules.QuantityMessage);
    }

    [Fact]
    public void Accept_requires_a_limit_price_for_a_limit_order()
    {
        var exception = Should.Throw<DomainException>(() => Order.Accept(AccountRules.DefaultAccountId, OrderType.Limit, OrderSide.Buy, "US0378331005", null, 1, Now));

        exception.Message.ShouldBe(OrderRules.LimitPriceRequiredMessage);
    }

    [Fact]
    public void Accept_forbids_a_limit_price_on_a_market_order()
    {
        var exception = Should.Throw<DomainException>(() => Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", 150.55m, 1, Now));

        exception.Message.ShouldBe(OrderRules.LimitPriceProhibitedMessage);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("-150.55")]
    [InlineData("150.555")]
    [InlineData("0.001")]
    public void Accept_rejects_a_limit_price_that_is_not_positive_with_at_most_2_decimals(string limitPrice)
    {
        var price = decimal.Parse(limitPrice, System.Globalization.CultureInfo.InvariantCulture);

        var exception = Should.Throw<DomainException>(() => Order.Accept(AccountRules.DefaultAccountId, OrderType.Limit, OrderSide.Buy, "US0378331005", price, 1, Now));

        exception.Message.ShouldBe(OrderRules.LimitPriceMessage);
    }

    [Theory]
    [InlineData("150.55")]
    [InlineData("150.5")]
    [InlineData("150")]
    [InlineData("0.01")]
    [InlineData("150.550")]
    public void Accept_takes_a_positive_limit_price_with_at_most_2_decimals(string limitPrice)
    {
        var price = decimal.Parse(limitPrice, System.Globalization.CultureInfo.InvariantCulture);

        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Limit, OrderSide.Buy, "US0378331005", price, 1, Now);

        order.LimitPrice.ShouldBe(price);
    }

    [Fact]
    public void Accept_rejects_an_undefined_type_or_side()
    {
        Should.Throw<DomainException>(() => Order.Accept(AccountRules.DefaultAccountId, (OrderType)42, OrderSide.Buy, "US0378331005", null, 1, Now));
        Should.Throw<DomainException>(() => Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, (OrderSide)42, "US0378331005", null, 1, Now));
    }

    [Fact]
    public void An_accepted_order_is_pending_and_keeps_the_fields_it_was_given()
    {
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Limit, OrderSide.Sell, "abcDEF123456", 150.55m, 10, Now);

        order.Type.ShouldBe(OrderType.Limit);
        order.Side.ShouldBe(OrderSide.Sell);
        order.Instrument.ShouldBe("abcDEF123456");
        order.LimitPrice.ShouldBe(150.55m);
        order.Quantity.ShouldBe(10);
        order.Status.ShouldBe(OrderStatus.Pending);
        order.PlacedAt.ShouldBeNull();
        order.ExchangeOrderId.ShouldBeNull();
        order.FailureReason.ShouldBeNull();
    }

    [Fact]
    public void An_accepted_market_order_has_no_limit_price()
    {
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 1, Now);

        order.LimitPrice.ShouldBeNull();
        order.Status.ShouldBe(OrderStatus.Pending);
    }

    [Fact]
    public void An_accepted_order_is_created_now_in_UTC_truncated_to_microseconds()
    {
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 1, Now);

        order.CreatedAt.ShouldBe(NowStored);
        order.CreatedAt.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Fact]
    public void An_accepted_order_has_a_version_7_id_stamped_with_its_creation_time()
    {
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 1, Now);

        order.Id.Version.ShouldBe(7);
        UnixMillisecondsOf(order.Id).ShouldBe(Now.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Two_orders_get_different_ids()
    {
        var first = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 1, Now);
        var second = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 1, Now);

        second.Id.ShouldNotBe(first.Id);
    }

    [Fact]
    public void An_accepted_order_has_one_pending_history_entry()
    {
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 1, Now);

        var entry = order.History.ShouldHaveSingleItem();
        entry.Status.ShouldBe(OrderStatus.Pending);
        entry.ChangedAt.ShouldBe(NowStored);
        entry.Reason.ShouldBeNull();
    }

    [Fact]
    public void Accept_raises_exactly_one_OrderAccepted_event_carrying_the_order()
    {
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Limit, OrderSide.Sell, "abcdefghijkl", 150.55m, 10, Now);

        order.DomainEvents.ShouldHaveSingleItem().ShouldBe(
            new OrderAcceptedDomainEvent(order.Id, OrderType.Limit, OrderSide.Sell, "abcdefghijkl", 150.55m, 10, NowStored));
    }

    [Fact]
    public void MarkPlaced_records_the_exchange_confirmation()
    {
        var order = AcceptedOrder();

        order.MarkPlaced("EX-1", Later);

        order.Status.ShouldBe(OrderStatus.Placed);
        order.PlacedAt.ShouldBe(LaterStored);
        order.PlacedAt!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        order.ExchangeOrderId.ShouldBe("EX-1");
        order.FailureReason.ShouldBeNull();
        order.History.Select(change => (change.Status, change.ChangedAt, change.Reason)).ShouldBe(
        [
            (OrderStatus.Pending, NowStored, null),
            (OrderStatus.Placed, LaterStored, null),
        ]);
    }

    [Fact]
    public void MarkPlaced_a_second_time_changes_nothing()
    {
        var order = AcceptedOrder();
        order.MarkPlaced("EX-1", Later);

        order.MarkPlaced("EX-2", Later.AddMinutes(1));

        order.Status.ShouldBe(OrderStatus.Placed);
        order.ExchangeOrderId.ShouldBe("EX-1");
        order.PlacedAt.ShouldBe(LaterStored);
        order.History.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void MarkPlaced_requires_an_exchange_order_id(string exchangeOrderId)
    {
        var order = AcceptedOrder();

        Should.Throw<DomainException>(() => order.MarkPlaced(exchangeOrderId, Later));

        order.Status.ShouldBe(OrderStatus.Pending);
        order.History.Count.ShouldBe(1);
    }

    [Fact]
    public void MarkFailed_fails_a_pending_order_with_its_reason()
    {
        var order = AcceptedOrder();

        order.MarkFailed("exchange unreachable", Later);

        order.Status.ShouldBe(OrderStatus.Failed);
        order.FailureReason.ShouldBe("exchange unreachable");
        order.PlacedAt.ShouldBeNull();
        order.History.Select(change => (change.Status, change.ChangedAt, change.Reason)).ShouldBe(
        [
            (OrderStatus.Pending, NowStored, null),
            (OrderStatus.Failed, LaterStored, "exchange unreachable"),
        ]);
    }

    [Fact]
    public void MarkFailed_withdraws_the_order_at_the_exchange_only_when_the_exchange_may_hold_it()
    {
        var rejected = AcceptedOrder();
        var givenUp = AcceptedOrder();
        rejected.ClearDomainEvents();
        givenUp.ClearDomainEvents();

        rejected.MarkFailed("Rejected by the exchange: unknown instrument", Later);
        givenUp.MarkFailed("Not placed within 01:00:00", Later, mayHoldIt: true);

        rejected.DomainEvents.ShouldBeEmpty();
        givenUp.DomainEvents.ShouldBe([new OrderCancelRequestedDomainEvent(givenUp.Id)]);
        givenUp.Status.ShouldBe(OrderStatus.Failed);
    }

    [Fact]
    public void MarkFailed_does_not_touch_a_placed_order()
    {
        var order = AcceptedOrder();
        order.MarkPlaced("EX-1", Later);

        order.MarkFailed("exchange unreachable", Later.AddMinutes(1));

        order.Status.ShouldBe(OrderStatus.Placed);
        order.FailureReason.ShouldBeNull();
        order.History.Select(change => change.Status).ShouldBe([OrderStatus.Pending, OrderStatus.Placed]);
    }

    [Fact]
    public void MarkFailed_does_not_touch_an_order_that_already_failed()
    {
        var order = AcceptedOrder();
        order.MarkFailed("first", Later);

        order.MarkFailed("second", Later.AddMinutes(1));

        order.FailureReason.ShouldBe("first");
        order.History.Count.ShouldBe(2);
    }

    [Fact]
    public void Redrive_makes_a_failed_order_pending_again_and_raises_its_placement_event_again()
    {
        var order = AcceptedOrder();
        order.ClearDomainEvents();
        order.MarkFailed("exchange down", Now);

        order.Redrive("operator", Now.AddMinutes(1));

        order.Status.ShouldBe(OrderStatus.Pending);
        order.FailureReason.ShouldBeNull();
        order.History.Select(change => change.Status).ShouldBe([OrderStatus.Pending, OrderStatus.Failed, OrderStatus.Pending]);
        order.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<OrderAcceptedDomainEvent>().OrderId.ShouldBe(order.Id);
    }

    [Fact]
    public void Redrive_refuses_an_order_that_has_not_failed()
    {
        Should.Throw<DomainException>(() => AcceptedOrder().Redrive("operator", Now));
    }

    private static Order AcceptedOrder() => Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 1, Now);

    // A version 7 Guid starts with the big-endian count of Unix milliseconds (RFC 9562, 48 bits).
    private static long UnixMillisecondsOf(Guid id)
    {
        var bytes = id.ToByteArray(bigEndian: true);
        return bytes[..6].Aggregate(0L, (milliseconds, value) => (milliseconds << 8) | value);
    }
}
