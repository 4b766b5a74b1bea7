using Ardalis.Result;
using Orders.Application.Abstractions.Accounts;
using Orders.Application.Orders.PlaceOrder;
using Orders.Domain.Orders;

namespace Orders.UnitTests.Application.Orders.PlaceOrder;

public sealed class PreTradeCheckTests
{
    private static readonly TradingTerms Limited = new(IsSuspended: false, MaxQuantity: 100, MaxNotional: 1000m);

    [Theory]
    [InlineData(OrderType.Limit, 100, 10.0)]
    [InlineData(OrderType.Market, 100, null)]
    public void An_order_at_the_limits_passes(OrderType type, int quantity, double? limitPrice) =>
        PreTradeCheck.Refusal(Limited, Order(type, quantity, (decimal?)limitPrice)).ShouldBeNull();

    [Fact]
    public void A_quantity_above_the_maximum_is_invalid_on_the_quantity()
    {
        var refusal = PreTradeCheck.Refusal(Limited, Order(OrderType.Market, 101, null)).ShouldNotBeNull();

        refusal.Status.ShouldBe(ResultStatus.Invalid);
        refusal.ValidationErrors.ShouldHaveSingleItem().Identifier.ShouldBe(nameof(PlaceOrderCommand.Quantity));
    }

    [Fact]
    public void A_notional_above_the_maximum_is_invalid_on_the_limit_price()
    {
        var refusal = PreTradeCheck.Refusal(Limited, Order(OrderType.Limit, 100, 10.01m)).ShouldNotBeNull();

        refusal.ValidationErrors.ShouldHaveSingleItem().Identifier.ShouldBe(nameof(PlaceOrderCommand.LimitPrice));
    }

    [Fact]
    public void A_notional_too_large_for_a_decimal_is_above_any_limit_instead_of_overflowing()
    {
        var terms = Limited with { MaxQuantity = null, MaxNotional = decimal.MaxValue };

        PreTradeCheck.Refusal(terms, Order(OrderType.Limit, int.MaxValue, decimal.MaxValue)).ShouldNotBeNull().Status.ShouldBe(ResultStatus.Invalid);
    }

    [Fact]
    public void Without_limits_any_order_passes() =>
        PreTradeCheck.Refusal(new TradingTerms(false, null, null), Order(OrderType.Limit, int.MaxValue, decimal.MaxValue)).ShouldBeNull();

    [Fact]
    public void A_suspended_account_is_forbidden_before_any_limit() =>
        PreTradeCheck.Refusal(Limited with { IsSuspended = true }, Order(OrderType.Market, 101, null)).ShouldNotBeNull().Status.ShouldBe(ResultStatus.Forbidden);

    private static PlaceOrderCommand Order(OrderType type, int quantity, decimal? limitPrice) =>
        new(type, OrderSide.Buy, "US0378331005", limitPrice, quantity);
}
