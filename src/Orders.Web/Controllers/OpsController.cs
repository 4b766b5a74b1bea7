using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Orders.Application.Abstractions.Operations;
using Orders.Application.Operations.GetAuditLog;
using Orders.Application.Operations.GetJobs;
using Orders.Application.Orders.RedriveOrder;
using Orders.Web.Authentication;
using Orders.Web.Http;

namespace Orders.Web.Controllers;

/// <summary>For the people who watch the service: what the background jobs and the outbox are doing. Operators' keys only.</summary>
[ApiController]
[Authorize(Policy = Caller.OperatorPolicy)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[Route("ops")]
public sealed class OpsController(IMediator mediator) : ControllerBase
{
    [HttpGet("jobs")]
    [ProducesResponseType<JobsReport>(StatusCodes.Status200OK)]
    public async Task<IActionResult> GetJobs(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new GetJobsQuery(), cancellationToken);
        return result.ToActionResult(this, Ok);
    }

    /// <summary>The most recent operator actions (accounts, keys, limits, suspensions, re-drives), newest first.</summary>
    /// <param name="limit">How many: 1 to 500, 50 when omitted.</param>
    /// <param name="cancellationToken">Aborted request.</param>
    [HttpGet("audit")]
    [ProducesResponseType<AuditLogResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> GetAuditLog([FromQuery] int? limit, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new GetAuditLogQuery(limit), cancellationToken);
        return result.ToActionResult(this, Ok);
    }

    /// <summary>Sends a failed order (a dead letter) to the exchange again, under the same client order id.</summary>
    [HttpPost("orders/{id:guid}/redrive")]
    [ProducesResponseType<RedriveOrderResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> RedriveOrder(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RedriveOrderCommand(id), cancellationToken);
        return result.ToActionResult(this, order => Accepted($"/orders/{order.Id}", order));
    }
}
