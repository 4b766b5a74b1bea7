using System.Globalization;
using System.Text.Json.Serialization;
using Orders.Application.Abstractions.Messaging;
using Orders.Application.Idempotency;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceOrder;

/// <summary>
/// A client's request to place an order. Every field is nullable so that a missing one is reported by
/// the validator with a clear message instead of failing deserialization.
/// </summary>
public sealed record PlaceOrderCommand(
    OrderType? Type,
    OrderSide? Side,
    string? Instrument,
    decimal? LimitPrice,
    int? Quantity) : ICommand<PlaceOrderResponse>, IIdempotentCommand
{
    /// <summary>The caller's account, which owns the order: from its authentication, never from the body.</summary>
    [JsonIgnore]
    public Guid AccountId { get; init; }

    /// <summary>From the Idempotency-Key header, never from the body.</summary>
    [JsonIgnore]
    public string? IdempotencyKey { get; init; }

    // 150.5 and 150.50 are the same price.
    public string CanonicalContent() =>
        string.Join('|', Type, Side, Instrument, LimitPrice?.ToString("0.############################", CultureInfo.InvariantCulture), Quantity);
}
