using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Orders.Application.Idempotency;
using Orders.Application.Orders;
using Orders.Application.Orders.CancelOpenOrders;
using Orders.Application.Orders.CancelOrder;
using Orders.Application.Orders.GetOrder;
using Orders.Application.Orders.ListOrders;
using Orders.Application.Orders.PlaceOrder;
using Orders.Application.Orders.StreamOrderEvents;
using Orders.Domain.Orders;
using Orders.Web.Authentication;
using Orders.Web.Http;
using Orders.Web.RateLimiting;

namespace Orders.Web.Controllers;

[ApiController]
[Route("orders")]
[EnableRateLimiting(AccountRateLimit.PolicyName)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
public sealed class OrdersController(IMediator mediator) : ControllerBase
{
    public const string PlaceOrderErrorMessage = "Internal server error while placing the order";

    /// <summary>
    /// Stores an order; a 201 means it is durably stored and its placement at the exchange is guaranteed.
    /// With an Idempotency-Key, a retry of the same request gets the same 201 (marked Idempotent-Replayed)
    /// and places nothing new.
    /// </summary>
    /// <param name="command">The order.</param>
    /// <param name="idempotencyKey">Optional, sent once: 1 to 255 printable ASCII characters, a UUID recommended; kept for 24 hours.</param>
    /// <param name="cancellationToken">Aborted request.</param>
    [HttpPost]
    [Consumes("application/json")]
    [ServiceErrorMessage(PlaceOrderErrorMessage)]
    [ServiceFilter<IdempotentReplayHeader>]
    [ProducesResponseType<PlaceOrderResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> PlaceOrder(
        [FromBody] PlaceOrderCommand command,
        [FromHeader(Name = IdempotencyKey.HeaderName)] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        // Model binding joins repeated headers into one key ("A,B") and reads an empty header as absent; the
        // header rules say both are invalid.
        var sent = Request.Headers[IdempotencyKey.HeaderName];
        if (sent.Count > 1)
        {
            return ResultMapper.UnprocessableEntity(new Dictionary<string, string[]> { [IdempotencyKey.HeaderName] = [IdempotencyKey.RepeatedMessage] });
        }

        var key = idempotencyKey ?? (sent.Count == 1 ? "" : null);
        var result = await mediator.Send(command with { AccountId = User.AccountId(), IdempotencyKey = key }, cancellationToken);
        return result.ToActionResult(this, order => Created($"/orders/{order.Id}", order));
    }

    /// <summary>The caller's orders, newest first, a page at a time; pass the previous page's next_cursor to continue.</summary>
    [HttpGet]
    [ProducesResponseType<OrdersPage>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> ListOrders(
        [FromQuery] int? limit,
        [FromQuery] string? cursor,
        [FromQuery] OrderStatus? status,
        [FromQuery] string? instrument,
        [FromQuery] OrderSide? side,
        [FromQuery(Name = "created_from")] DateTimeOffset? createdFrom,
        [FromQuery(Name = "created_to")] DateTimeOffset? createdTo,
        CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ListOrdersQuery(User.AccountId(), limit, cursor, status, instrument, side, createdFrom, createdTo), cancellationToken);
        return result.ToActionResult(this, Ok);
    }

    /// <summary>
    /// Every change of the caller's orders, as it happens, as Server-Sent Events: event <c>order</c>, its id, and the order as
    /// GET /orders/{id} answered right after the change. A client that reconnects with Last-Event-ID gets every event
    /// after that one, then the new ones.
    /// </summary>
    /// <param name="orderId">Only this order's changes.</param>
    /// <param name="lastEventId">The id of the last event received (sent by an EventSource when it reconnects); without it, from now on.</param>
    /// <param name="cancellationToken">Aborted request.</param>
    [HttpGet("events")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/event-stream")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> StreamOrderEvents(
        [FromQuery(Name = "order_id")] Guid? orderId,
        [FromHeader(Name = StreamOrderEventsQuery.LastEventIdHeader)] string? lastEventId,
        CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new StreamOrderEventsQuery(User.AccountId(), lastEventId, orderId), cancellationToken);
        return result.ToActionResult(this, events => new HttpResultAction(TypedResults.ServerSentEvents(OrderEventStream.ItemsAsync(events, HttpContext))));
    }

    /// <summary>An order of the caller's, with its current status; another account's is a 404, as if it did not exist.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType<OrderResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetOrder(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new GetOrderQuery(User.AccountId(), id), cancellationToken);
        return result.ToActionResult(this, Ok);
    }

    /// <summary>
    /// Cancels an order of the caller's (another account's is a 404). 200 when it is cancelled (now: it was never sent to
    /// the exchange; or before); 202 while the cancel is on its way to the exchange, whose answer ends it cancelled, or
    /// filled when the fill came first.
    /// </summary>
    [HttpDelete("{id:guid}")]
    [ProducesResponseType<OrderResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<OrderResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> CancelOrder(Guid id, CancellationToken cancellationToken)
    {
        var cancel = await mediator.Send(new CancelOrderCommand(User.AccountId(), id), cancellationToken);
        if (!cancel.IsSuccess)
        {
            return cancel.ToActionResult(this, Ok);
        }

        // Read after the commit: the order as it stands, history included.
        var order = await mediator.Send(new GetOrderQuery(User.AccountId(), id), cancellationToken);
        return order.ToActionResult(this, body => cancel.Value.Status == OrderStatus.Cancelled ? Ok(body) : Accepted(body));
    }

    /// <summary>
    /// Cancels every open order of the caller's (pending, placed, partially filled), or those of one instrument: the ids
    /// it is cancelling (sent to the exchange, as DELETE /orders/{id} answers 202) and those it cancelled (never sent, 200).
    /// </summary>
    [HttpDelete]
    [ProducesResponseType<CancelOpenOrdersResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> CancelOpenOrders([FromQuery] string? instrument, CancellationToken cancellationToken)
    {
        var result = await mediator.CancelAllAsync(new CancelOpenOrdersCommand(User.AccountId(), instrument), cancellationToken);
        return result.ToActionResult(this, Ok);
    }
}
