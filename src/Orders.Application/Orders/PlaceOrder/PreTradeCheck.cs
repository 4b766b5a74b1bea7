using System.Globalization;
using Ardalis.Result;
using Orders.Application.Abstractions.Accounts;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceOrder;

/// <summary>
/// The kill switch and the risk limits, decided on the order alone (no running totals, so no lock): a suspended
/// account places nothing; an order's quantity, and a limit order's quantity × limit price, stay within the limits.
/// </summary>
internal static class PreTradeCheck
{
    public const string SuspendedMessage = "The account is suspended: it cannot place orders.";

    /// <summary>Why the order is refused, or null when it may be placed. The validator has run: the fields are present.</summary>
    public static Result<PlaceOrderResponse>? Refusal(TradingTerms terms, PlaceOrderCommand command)
    {
        if (terms.IsSuspended)
        {
            return Result<PlaceOrderResponse>.Forbidden(SuspendedMessage);
        }

        var quantity = command.Quantity!.Value;
        if (quantity > terms.MaxQuantity)
        {
            return Breach(nameof(PlaceOrderCommand.Quantity), string.Create(CultureInfo.InvariantCulture, $"The quantity is above the account's maximum quantity of {terms.MaxQuantity}"));
        }

        if (command.Type == OrderType.Limit && terms.MaxNotional is { } maxNotional && IsAbove(quantity, command.LimitPrice!.Value, maxNotional))
        {
            return Breach(nameof(PlaceOrderCommand.LimitPrice), string.Create(CultureInfo.InvariantCulture, $"The quantity × limit price is above the account's maximum notional of {maxNotional:0.00}"));
        }

        return null;
    }

    // A notional too large for a decimal is above any limit.
    private static bool IsAbove(int quantity, decimal limitPrice, decimal maxNotional) =>
        limitPrice > decimal.MaxValue / quantity || quantity * limitPrice > maxNotional;

    private static Result<PlaceOrderResponse> Breach(string field, string message) =>
        Result<PlaceOrderResponse>.Invalid(new ValidationError(field, message));
}
