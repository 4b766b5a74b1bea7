using System.Text.Json;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Exchange;
using Orders.Infrastructure.Exchange.Market;

namespace Orders.ExchangeSimulator;

/// <summary>
/// POST /orders: slow, sometimes unreachable, sometimes losing its reply, idempotent on the client order id; placed
/// orders go to the market. With RejectOrders on, every valid order is refused (422, with RejectReason).
/// </summary>
internal static class PlaceOrderEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpRequest request,
        SimulatedMarket market,
        CallLog log,
        IOptionsMonitor<ExchangeSimulatorOptions> options,
        CancellationToken cancellationToken)
    {
        PlaceOrderRequest? order;
        try
        {
            order = await JsonSerializer.DeserializeAsync<PlaceOrderRequest>(request.Body, WireFormat.Json, cancellationToken);
        }
        catch (JsonException exception)
        {
            return SimulatedCall.Error(StatusCodes.Status400BadRequest, $"malformed order: {exception.Message}");
        }

        if (Validate(order) is { } invalid)
        {
            return SimulatedCall.Error(StatusCodes.Status400BadRequest, invalid);
        }

        var current = options.CurrentValue;
        if (await SimulatedCall.FailedAsync(current, log, cancellationToken) is { } failed)
        {
            return failed;
        }

        if (current.RejectOrders)
        {
            return SimulatedCall.Error(StatusCodes.Status422UnprocessableEntity, current.RejectReason);
        }

        var (exchangeOrderId, placed) = market.Place(order!.ToExchangeOrder());
        log.RecordPlacement(order.ClientOrderId!.Value, exchangeOrderId);
        if (SimulatedCall.LosesReply(current))
        {
            return SimulatedCall.Unavailable();
        }

        if (placed)
        {
            return SimulatedCall.Json(new PlaceOrderResponse(exchangeOrderId), StatusCodes.Status201Created);
        }

        return current.DuplicateMode == DuplicateMode.Reject
            ? SimulatedCall.Json(new DuplicateResponse("duplicate client order id", exchangeOrderId), StatusCodes.Status409Conflict)
            : SimulatedCall.Json(new PlaceOrderResponse(exchangeOrderId));
    }

    private static string? Validate(PlaceOrderRequest? order) => order switch
    {
        null => "an order is required",
        { ClientOrderId: null } => "client_order_id is required",
        { ClientOrderId: var id } when id == Guid.Empty => "client_order_id must not be empty",
        { Type: null } => "type must be market or limit",
        { Side: null } => "side must be buy or sell",
        { Instrument: null or "" } => "instrument is required",
        { Quantity: null or <= 0 } => "quantity must be a positive integer",
        { Type: OrderType.Limit, LimitPrice: null or <= 0 } => "limit_price must be positive for a limit order",
        { Type: OrderType.Market, LimitPrice: not null } => "limit_price must be null for a market order",
        _ => null,
    };
}

internal enum OrderType
{
    Market,
    Limit,
}

internal enum OrderSide
{
    Buy,
    Sell,
}

internal sealed record PlaceOrderRequest(Guid? ClientOrderId, OrderType? Type, OrderSide? Side, string? Instrument, decimal? LimitPrice, int? Quantity)
{
    /// <summary>The order as the market takes it; only for a request <see cref="PlaceOrderEndpoint"/> found valid.</summary>
    public ExchangeOrder ToExchangeOrder() => new(
        ClientOrderId!.Value,
        Type == OrderType.Market ? Domain.Orders.OrderType.Market : Domain.Orders.OrderType.Limit,
        Side == OrderSide.Buy ? Domain.Orders.OrderSide.Buy : Domain.Orders.OrderSide.Sell,
        Instrument!,
        LimitPrice,
        Quantity!.Value);
}

internal sealed record PlaceOrderResponse(string ExchangeOrderId);

internal sealed record DuplicateResponse(string Error, string ExchangeOrderId);
