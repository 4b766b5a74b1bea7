namespace Orders.Domain.Orders;

/// <summary>
/// The rules an order obeys, in one place: the aggregate enforces them and the request validator
/// reports them field by field with the same messages.
/// </summary>
public static class OrderRules
{
    public const int InstrumentLength = 12;
    public const int LimitPriceScale = 2;

    public const string InstrumentMessage = "Attribute `instrument` must be exactly 12 ASCII letters or digits";
    public const string QuantityMessage = "Attribute `quantity` must be a whole number greater than 0";
    public const string LimitPriceMessage = "Attribute `limit_price` must be greater than 0 with at most 2 decimal places";
    public const string LimitPriceRequiredMessage = "Attribute `limit_price` is required for type `limit`";
    public const string LimitPriceProhibitedMessage = "Providing a `limit_price` is prohibited for type `market`";

    public static bool IsValidInstrument(string? instrument) =>
        instrument is { Length: InstrumentLength } && instrument.All(char.IsAsciiLetterOrDigit);

    public static bool IsValidQuantity(int quantity) => quantity > 0;

    public static bool IsValidLimitPrice(decimal limitPrice) =>
        limitPrice > 0 && decimal.Round(limitPrice, LimitPriceScale) == limitPrice;
}
