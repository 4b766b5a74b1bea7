using Microsoft.AspNetCore.Diagnostics;

namespace Orders.Web.Http;

/// <summary>
/// The one place where an unexpected failure becomes a 500: details go to the log, never to the client.
/// A request the server could not read is the client's fault and gets its 4xx.
/// </summary>
internal sealed class UnhandledExceptionHandler(IProblemDetailsService problemDetails, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException badRequest)
        {
            // The client's fault (e.g. its body ended before its Content-Length): not a failure of the service.
            logger.LogInformation("Bad request on {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, badRequest.Message);
            httpContext.Response.StatusCode = badRequest.StatusCode;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = { Status = badRequest.StatusCode, Title = "Bad request", Detail = badRequest.Message },
            });
        }

        logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;

        // The middleware has cleared the endpoint by now; the feature keeps the one that failed.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var contract = endpoint?.Metadata.GetMetadata<ServiceErrorMessageAttribute>();
        if (contract is not null)
        {
            await httpContext.Response.WriteAsJsonAsync(new { message = contract.Message }, cancellationToken);
            return true;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status500InternalServerError, Title = "Internal server error" },
        });
    }
}
