using MediatR;
using Microsoft.AspNetCore.Mvc;
using Orders.Application.Orders.GetOrder;
using Orders.Application.Orders.PlaceOrder;
using Orders.Web.Http;

namespace Orders.Web.Controllers;

[ApiController]
[Route("orders")]
public sealed class OrdersController(IMediator mediator) : ControllerBase
{
    public const string PlaceOrderErrorMessage = "Internal server error while placing the order";

    /// <summary>Stores an order; a 201 means it is durably stored and its placement at the exchange is guaranteed.</summary>
    [HttpPost]
    [Consumes("application/json")]
    [ServiceErrorMessage(PlaceOrderErrorMessage)]
    [ProducesResponseType<PlaceOrderResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> PlaceOrder([FromBody] PlaceOrderCommand command, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(command, cancellationToken);
        return result.ToActionResult(this, order => Created($"/orders/{order.Id}", order));
    }

    /// <summary>An order with its current status at the exchange.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType<OrderDetailsResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetOrder(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new GetOrderQuery(id), cancellationToken);
        return result.ToActionResult(this, Ok);
    }
}
