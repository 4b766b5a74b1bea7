using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Orders.Application.Abstractions.Operations;
using Orders.Application.Operations.GetAuditLog;
using Orders.Application.Operations.GetJobs;
using Orders.Application.Orders.GetDeadLetters;
using Orders.Application.Orders.RedriveDeadLetters;
using Orders.Application.Orders.RedriveOrder;
using Orders.Web.Authentication;
using Orders.Web.Http;

namespace Orders.Web.Controllers;

/// <summary>
/// For the people who watch the service: what the background jobs, the outbox and the exchange's reports are doing, and
/// the dead letters. Operators' keys only, as a Bearer key or the /ops page's session; a request of the session that
/// changes something also sends <c>X-Requested-With</c>.
/// </summary>
[ApiController]
[Authorize(Policy = Caller.OperatorPolicy)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[Route("ops")]
public sealed class OpsController(IMediator mediator) : ControllerBase
{
    /// <summary>The Quartz jobs (last runs, outcomes, next fire times), the outbox backlog, and the exchange's reports received, applied and parked.</summary>
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

    /// <summary>The dead letters: failed orders grouped by why they failed (without each order's attempt count), the largest groups first, each with a sample.</summary>
    [HttpGet("dead-letters")]
    [ProducesResponseType<DeadLettersReport>(StatusCodes.Status200OK)]
    public async Task<IActionResult> GetDeadLetters(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new GetDeadLettersQuery(), cancellationToken);
        return result.ToActionResult(this, Ok);
    }

    /// <summary>
    /// Re-drives a group of dead letters, named by its <c>reason</c> as listed: at most 50 orders a call, the oldest first,
    /// in one transaction, each audited as a single re-drive; call again until <c>remaining</c> is 0 (the page waits a
    /// second between calls). <c>dry_run: true</c> only counts the group.
    /// </summary>
    [HttpPost("dead-letters/redrive")]
    [Consumes("application/json")]
    [ProducesResponseType<RedriveDeadLettersResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> RedriveDeadLetters([FromBody] RedriveDeadLettersCommand command, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(command, cancellationToken);
        return result.ToActionResult(this, Ok);
    }
}
