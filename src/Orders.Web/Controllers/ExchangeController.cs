using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Orders.Application.Executions.ReceiveExecutionReport;
using Orders.Web.Http;

namespace Orders.Web.Controllers;

/// <summary>What the exchange pushes to the service; its signature is its authentication, so no API key.</summary>
[ApiController]
[AllowAnonymous]
[Route("exchange")]
public sealed class ExchangeController(IMediator mediator) : ControllerBase
{
    /// <summary>
    /// One execution report, signed the Standard Webhooks way with Exchange:WebhookSecret. A 2xx means the report is
    /// stored and will be applied to its order; a report sent again is acknowledged the same way and changes nothing.
    /// </summary>
    [HttpPost("executions")]
    [ServiceFilter<ExecutionWebhookSignature>]
    [ProducesResponseType<ReceiveExecutionReportResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> ReceiveExecution(
        [ModelBinder<ExecutionReportBody>] ReceiveExecutionReportCommand command, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(command, cancellationToken);
        return result.ToActionResult(this, Ok);
    }
}
