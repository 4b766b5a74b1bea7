using System.Globalization;

namespace Orders.Domain.Orders;

/// <summary>
/// The rules an order obeys, in one place: the aggregate enforces them and the request validator
/// reports them field by field with the same messages, in the domain's words (the HTTP layer words them
/// for its clients).
/// </summary>
public static class OrderRules
{
    public const int InstrumentLength = 12;
    public const int LimitPriceScale = 2;

    /// <summary>The longest id the exchange may give an order or an execution.</summary>
    public const int ExchangeIdLength = 128;

    /// <summary>The longest reason an order keeps (its failure's, a history entry's).</summary>
    public const int ReasonLength = 2000;

    /// <summary>The decimal places of a fill's price and of an order's average price.</summary>
    public const int ExecutionPriceScale = 4;

    public const string InstrumentMessage = "An instrument is exactly 12 ASCII letters or digits";
    public const string QuantityMessage = "A quantity is a whole number greater than 0";
    public const string LimitPriceMessage = "A limit price is greater than 0 with at most 2 decimal places";
    public const string LimitPriceRequiredMessage = "A limit order needs a limit price";
    public const string LimitPriceProhibitedMessage = "A market order has no limit price";
    public const string ExecutionIdMessage = "An execution id is 1 to 128 characters";
    public const string ExchangeOrderIdMessage = "An exchange order id is 1 to 128 characters";
    public const string FillQuantityMessage = "A fill's quantity is a whole number greater than 0";
    public const string FillPriceMessage = "A fill's price is greater than 0 with at most 4 decimal places";
    public const string FilledOrderNotCancelledMessage = "A filled order cannot have been cancelled";

    public static bool IsValidInstrument(string? instrument) =>
        instrument is { Length: InstrumentLength } && instrument.All(char.IsAsciiLetterOrDigit);

    public static bool IsValidQuantity(int quantity) => quantity > 0;

    public static bool IsValidLimitPrice(decimal limitPrice) =>
        limitPrice > 0 && decimal.Round(limitPrice, LimitPriceScale) == limitPrice;

    public static bool IsValidExchangeId(string? id) => !string.IsNullOrWhiteSpace(id) && id.Length <= ExchangeIdLength;

    public static bool IsValidFillPrice(decimal price) =>
        price > 0 && decimal.Round(price, ExecutionPriceScale) == price;

    public static string OverfillMessage(int quantity, int filledQuantity, int fillQuantity) =>
        string.Create(CultureInfo.InvariantCulture, $"Overfill: a fill of {fillQuantity} would make {filledQuantity + fillQuantity} filled of {quantity}");

    public static string OtherExchangeOrderMessage(string orderExchangeOrderId, string reportedExchangeOrderId) =>
        $"The report names exchange order '{reportedExchangeOrderId}'; the order is '{orderExchangeOrderId}' at the exchange";
}
