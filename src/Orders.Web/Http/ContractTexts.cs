using Orders.Application.Validation;
using Orders.Domain.Orders;

namespace Orders.Web.Http;

/// <summary>
/// The contract's words for a rule's message, naming the field as the request names it: the existing client
/// reads these texts, so they stay byte-identical whatever words the domain uses.
/// </summary>
internal static class ContractTexts
{
    public static string For(string field, string message) => message switch
    {
        ValidationMessages.Required => $"Attribute `{field}` is required",
        OrderRules.InstrumentMessage => $"Attribute `{field}` must be exactly 12 ASCII letters or digits",
        OrderRules.QuantityMessage => $"Attribute `{field}` must be a whole number greater than 0",
        OrderRules.LimitPriceMessage => $"Attribute `{field}` must be greater than 0 with at most 2 decimal places",
        OrderRules.LimitPriceRequiredMessage => $"Attribute `{field}` is required for type `limit`",
        OrderRules.LimitPriceProhibitedMessage => $"Providing a `{field}` is prohibited for type `market`",
        _ => message,
    };
}
