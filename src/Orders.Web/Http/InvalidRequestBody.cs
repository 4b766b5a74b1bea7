using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Orders.Web.Http;

/// <summary>
/// A request that could not even be read (malformed JSON, wrong JSON types, unknown enum values, no body,
/// bytes that are not UTF-8, a query parameter of the wrong type) is a client error: 422 with the offending
/// field, never a 500 nor a parser's message.
/// </summary>
internal static class InvalidRequestBody
{
    private const string BodyKey = "body";

    public static IActionResult ToResponse(ActionContext context)
    {
        var bodyParameters = context.ActionDescriptor.Parameters
            .Where(parameter => parameter.BindingInfo?.BindingSource == BindingSource.Body)
            .Select(parameter => parameter.Name)
            .ToHashSet();
        var errors = context.ModelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .Select(entry => FieldName(entry.Key, bodyParameters))
            .Distinct()
            .ToDictionary(
                field => field,
                field => new[] { field == BodyKey ? "The request body must be a JSON object describing an order" : $"`{field}` has an invalid value" });

        // Model binding adds a generic "field is required" entry beside the parser's; the parser's says more.
        if (errors.Count > 1)
        {
            errors.Remove(BodyKey);
        }

        return ResultMapper.UnprocessableEntity(errors);
    }

    // "$.limit_price" names a body field; "$", "" and the body parameter's own name name the body as a whole;
    // anything else is a query parameter or header, named as the client sent it.
    private static string FieldName(string modelStateKey, HashSet<string> bodyParameters)
    {
        if (!modelStateKey.StartsWith("$.", StringComparison.Ordinal))
        {
            return modelStateKey is "" or "$" || bodyParameters.Contains(modelStateKey) ? BodyKey : modelStateKey;
        }

        var path = modelStateKey[2..];
        var end = path.IndexOfAny(['.', '[']);
        return end < 0 ? path : path[..end];
    }
}
