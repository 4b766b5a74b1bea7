using MediatR;
using Microsoft.AspNetCore.Mvc;
using Orders.Application.Operations.GetJobs;
using Orders.Web.Http;

namespace Orders.Web.Controllers;

/// <summary>For the people who watch the service: what the background jobs and the outbox are doing.</summary>
[ApiController]
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
}
