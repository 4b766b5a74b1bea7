using System.Diagnostics;
using Ardalis.Result;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Orders.Application.Behaviors;

/// <summary>Outermost behavior: one log line per request with its outcome and duration.</summary>
internal sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
    where TResponse : IResult
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            logger.LogDebug(
                "{Request} handled in {ElapsedMs:F1} ms, success: {Success}",
                typeof(TRequest).Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                ResponseResult<TResponse>.IsSuccess(response));
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up (e.g. the client disconnected): nothing failed.
            logger.LogInformation("{Request} cancelled after {ElapsedMs:F1} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "{Request} failed after {ElapsedMs:F1} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
