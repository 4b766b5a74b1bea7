using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Orders.Application.Orders.PlaceOrder;
using Serilog;

namespace Orders.Web.Logging;

/// <summary>
/// Names the order a request is about on its request line (OrderId): the one its route names (every route's id is
/// an order's), or the one it placed.
/// </summary>
internal sealed class OrderIdInRequestLog(IDiagnosticContext diagnostics) : IActionFilter
{
    private const string Property = "OrderId";

    public void OnActionExecuting(ActionExecutingContext context)
    {
        if (context.ActionArguments.TryGetValue("id", out var id) && id is Guid)
        {
            diagnostics.Set(Property, id);
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
        if (context.Result is ObjectResult { Value: PlaceOrderResponse placed })
        {
            diagnostics.Set(Property, placed.Id);
        }
    }
}
