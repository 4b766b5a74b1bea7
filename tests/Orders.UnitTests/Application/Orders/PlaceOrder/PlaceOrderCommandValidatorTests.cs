using System.Globalization;
using Orders.Application.Orders.PlaceOrder;
using Orders.Domain.Orders;

namespace Orders.UnitTests.Application.Orders.PlaceOrder;

/// <summary>
/// The messages are the domain's, written out here so that changing one fails a test; the HTTP layer words them
/// for the contract (the integration tests assert its texts).
/// </summary>
public sealed class PlaceOrderCommandValidatorTests
{
    private const string InstrumentMessage = "An instrument is exactly 12 ASCII letters or digits";
    private const string QuantityMessage = "A quantity is a whole number greater than 0";
    private const string LimitPriceMessage = "A limit price is greater than 0 with at most 2 decimal places";

    private static readonly PlaceOrderCommand ValidMarketOrder = new(OrderType.Market, OrderSide.Buy, "US0378331005", null, 10);
    private static readonly PlaceOrderCommand ValidLimitOrder = new(OrderType.Limit, OrderSide.Sell, "US0378331005", 150.55m, 10);

    private readonly PlaceOrderCommandValidator _validator = new();

    [Fact]
    public void A_valid_market_order_passes() => ErrorsOf(ValidMarketOrder).ShouldBeEmpty();

    [Fact]
    public void A_valid_limit_order_passes() => ErrorsOf(ValidLimitOrder).ShouldBeEmpty();

    [Fact]
    public void Every_missing_field_is_reported_by_its_property_name()
    {
        var errors = ErrorsOf(new PlaceOrderCommand(null, null, null, null, null));

        errors.ShouldBe(
            [
                "Type: A value is required",
                "Side: A value is required",
                "Instrument: A value is required",
                "Quantity: A value is required",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void A_missing_type_is_reported_alone()
    {
        ErrorsOf(ValidMarketOrder with { Type = null }).ShouldBe(Only("Type", "A value is required"));
    }

    [Fact]
    public void A_missing_side_is_reported_alone()
    {
        ErrorsOf(ValidMarketOrder with { Side = null }).ShouldBe(Only("Side", "A value is required"));
    }

    [Fact]
    public void A_missing_instrument_is_reported_alone()
    {
        ErrorsOf(ValidMarketOrder with { Instrument = null }).ShouldBe(Only("Instrument", "A value is required"));
    }

    [Fact]
    public void A_missing_quantity_is_reported_alone()
    {
        ErrorsOf(ValidMarketOrder with { Quantity = null }).ShouldBe(Only("Quantity", "A value is required"));
    }

    [Theory]
    [InlineData("abcdefghijkl")]
    [InlineData("US0378331005")]
    [InlineData("ABCDEFGHIJKL")]
    [InlineData("123456789012")]
    public void An_instrument_of_12_ASCII_letters_or_digits_is_valid(string instrument)
    {
        ErrorsOf(ValidMarketOrder with { Instrument = instrument }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("US037833100")]
    [InlineData("US03783310055")]
    [InlineData("")]
    [InlineData("US037833100é")]
    [InlineData("ÄBCDEFGHIJKL")]
    [InlineData("US 378331005")]
    [InlineData(" US037833100")]
    [InlineData("US037833100-")]
    public void Any_other_instrument_is_invalid(string instrument)
    {
        ErrorsOf(ValidMarketOrder with { Instrument = instrument }).ShouldBe(Only("Instrument", InstrumentMessage));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void A_quantity_that_is_not_positive_is_invalid(int quantity)
    {
        ErrorsOf(ValidMarketOrder with { Quantity = quantity }).ShouldBe(Only("Quantity", QuantityMessage));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public void A_positive_quantity_is_valid(int quantity)
    {
        ErrorsOf(ValidMarketOrder with { Quantity = quantity }).ShouldBeEmpty();
    }

    [Fact]
    public void A_limit_order_requires_a_limit_price()
    {
        ErrorsOf(ValidLimitOrder with { LimitPrice = null })
            .ShouldBe(Only("LimitPrice", "A limit order needs a limit price"));
    }

    [Theory]
    [InlineData("150.55")]
    [InlineData("0")]
    public void A_market_order_must_not_have_a_limit_price(string limitPrice)
    {
        ErrorsOf(ValidMarketOrder with { LimitPrice = Price(limitPrice) })
            .ShouldBe(Only("LimitPrice", "A market order has no limit price"));
    }

    [Theory]
    [InlineData("150.55")]
    [InlineData("150.5")]
    [InlineData("150")]
    [InlineData("0.01")]
    public void A_positive_limit_price_with_at_most_2_decimals_is_valid(string limitPrice)
    {
        ErrorsOf(ValidLimitOrder with { LimitPrice = Price(limitPrice) }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("150.555")]
    [InlineData("0.001")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-150.55")]
    public void Any_other_limit_price_is_invalid(string limitPrice)
    {
        ErrorsOf(ValidLimitOrder with { LimitPrice = Price(limitPrice) }).ShouldBe(Only("LimitPrice", LimitPriceMessage));
    }

    [Fact]
    public void Several_invalid_fields_are_all_reported()
    {
        var errors = ErrorsOf(new PlaceOrderCommand(OrderType.Limit, OrderSide.Buy, "short", 150.555m, 0));

        errors.ShouldBe(
            [$"Instrument: {InstrumentMessage}", $"LimitPrice: {LimitPriceMessage}", $"Quantity: {QuantityMessage}"],
            ignoreOrder: true);
    }

    [Fact]
    public void The_validator_reports_the_same_messages_the_aggregate_enforces()
    {
        OrderRules.InstrumentMessage.ShouldBe(InstrumentMessage);
        OrderRules.QuantityMessage.ShouldBe(QuantityMessage);
        OrderRules.LimitPriceMessage.ShouldBe(LimitPriceMessage);
    }

    // "Property: message", so that a failure shows which field got which message.
    private string[] ErrorsOf(PlaceOrderCommand command) =>
        [.. _validator.Validate(command).Errors.Select(failure => $"{failure.PropertyName}: {failure.ErrorMessage}")];

    private static string[] Only(string property, string message) => [$"{property}: {message}"];

    private static decimal Price(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);
}
