using Microsoft.AspNetCore.Mvc.Filters;
using Orders.Application.Idempotency;

namespace Orders.Web.Http;

/// <summary>Marks an answer that repeats an earlier request's, as the idempotency behavior found it: <c>Idempotent-Replayed: true</c>.</summary>
internal sealed class IdempotentReplayHeader(IdempotentReplay replay) : IResultFilter
{
    public const string HeaderName = "Idempotent-Replayed";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (replay.Replayed)
        {
            context.HttpContext.Response.Headers[HeaderName] = "true";
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
