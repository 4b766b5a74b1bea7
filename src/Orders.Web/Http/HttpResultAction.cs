using Microsoft.AspNetCore.Mvc;

namespace Orders.Web.Http;

/// <summary>An endpoint result answered from a controller action, for those MVC has no action result of (Server-Sent Events).</summary>
internal sealed class HttpResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
