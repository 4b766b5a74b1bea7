using Microsoft.AspNetCore.Mvc;

namespace Orders.Web.Http;

/// <summary>
/// A body that could not even be read as an order (malformed JSON, wrong JSON types, unknown enum
/// values, no body) is a client error: 422 with the offending field, never a 500 nor a parser's message.
/// </summary>
internal static class InvalidRequestBody
{
    private const string BodyKey = "body";

    public static IActionResult ToResponse(ActionContext context)
    {
        var errors = context.ModelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .Select(entry => FieldName(entry.Key))
            .Distinct()
            .ToDictionary(
                field => field,
                field => new[] { field == BodyKey ? "The request body must be a JSON object describing an order" : $"Attribute `{field}` has an invalid value" });

        // Model binding adds a generic "field is required" entry beside the parser's; the parser's says more.
        if (errors.Count > 1)
        {
            errors.Remove(BodyKey);
        }

        return ResultMapper.UnprocessableEntity(errors);
    }

    // "$.limit_price" names a field; "$", "" and the parameter's own name name the body as a whole.
    private static string FieldName(string modelStateKey)
    {
        if (!modelStateKey.StartsWith("$.", StringComparison.Ordinal))
        {
            return BodyKey;
        }

        var path = modelStateKey[2..];
        var end = path.IndexOfAny(['.', '[']);
        return end < 0 ? path : path[..end];
    }
}
