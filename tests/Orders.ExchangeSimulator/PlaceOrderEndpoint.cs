using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Orders.ExchangeSimulator;

/// <summary>POST /orders: slow, sometimes unreachable, sometimes losing its reply, idempotent on the client order id.</summary>
internal static class PlaceOrderEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpRequest request,
        OrderBook book,
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
            return Error(StatusCodes.Status400BadRequest, $"malformed order: {exception.Message}");
        }

        if (Validate(order) is { } invalid)
        {
            return Error(StatusCodes.Status400BadRequest, invalid);
        }

        var current = options.CurrentValue;
        await Task.Delay(current.Latency, cancellationToken);
        if (Random.Shared.NextDouble() < current.FailureRate)
        {
            book.RecordFailedCall();
            return Error(StatusCodes.Status503ServiceUnavailable, "connection not available");
        }

        var (exchangeOrderId, placed) = book.Place(order!.ClientOrderId!.Value);
        if (Random.Shared.NextDouble() < current.LostReplyRate)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, "connection not available");
        }

        if (placed)
        {
            return Results.Json(new PlaceOrderResponse(exchangeOrderId), WireFormat.Json, statusCode: StatusCodes.Status201Created);
        }

        return current.DuplicateMode == DuplicateMode.Reject
            ? Results.Json(new DuplicateResponse("duplicate client order id", exchangeOrderId), WireFormat.Json, statusCode: StatusCodes.Status409Conflict)
            : Results.Json(new PlaceOrderResponse(exchangeOrderId), WireFormat.Json, statusCode: StatusCodes.Status200OK);

        IResult Error(int status, string message) => Results.Json(new ErrorResponse(message), WireFormat.Json, statusCode: status);
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

internal sealed record PlaceOrderRequest(Guid? ClientOrderId, OrderType? Type, OrderSide? Side, string? Instrument, decimal? LimitPrice, int? Quantity);

internal sealed record PlaceOrderResponse(string ExchangeOrderId);

internal sealed record DuplicateResponse(string Error, string ExchangeOrderId);

internal sealed record ErrorResponse(string Error);
