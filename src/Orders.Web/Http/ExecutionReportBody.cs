using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Orders.Application.Executions.ReceiveExecutionReport;
using Orders.Infrastructure.Exchange;

namespace Orders.Web.Http;

/// <summary>
/// Binds the exchange's webhook body, one report in the exchange's wire format, to the command that receives it, with
/// the text as it came. A body that is no report is a model error: 422.
/// </summary>
internal sealed class ExecutionReportBody : IModelBinder
{
    private const string ReportKey = "report";

    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var request = bindingContext.HttpContext.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        var body = await reader.ReadToEndAsync(bindingContext.HttpContext.RequestAborted);
        try
        {
            bindingContext.Result = ModelBindingResult.Success(new ReceiveExecutionReportCommand(ExchangeJson.ReadReport(body), body));
        }
        catch (JsonException exception)
        {
            // "$.sequence" names the field; a body that is no JSON object names the report as a whole.
            bindingContext.ModelState.AddModelError(exception.Path is { Length: > 2 } path ? path : ReportKey, exception.Message);
        }
        catch (FormatException exception)
        {
            bindingContext.ModelState.AddModelError("$.kind", exception.Message);
        }
    }
}
