using System.Text.Json;
using Ardalis.Result;
using Microsoft.AspNetCore.Mvc;

namespace Orders.Web.Http;

/// <summary>The one place where a use case's result becomes an HTTP answer.</summary>
internal static class ResultMapper
{
    public static IActionResult ToActionResult<T>(this Result<T> result, ControllerBase controller, Func<T, IActionResult> onSuccess) =>
        result.Status switch
        {
            ResultStatus.Ok => onSuccess(result.Value),
            ResultStatus.Invalid => UnprocessableEntity(result.ValidationErrors
                .GroupBy(error => FieldName(error.Identifier))
                .ToDictionary(field => field.Key, field => field.Select(error => ContractTexts.For(field.Key, error.ErrorMessage)).ToArray())),
            ResultStatus.NotFound => controller.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: Detail(result)),
            ResultStatus.Forbidden => controller.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: Detail(result)),
            ResultStatus.Conflict => controller.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: Detail(result)),
            _ => throw new InvalidOperationException($"Unmapped result status {result.Status}."),
        };

    // Property names become the request's JSON names; a header name ("Idempotency-Key") is kept as it is.
    private static string FieldName(string key) => key.Contains('-') ? key : JsonNamingPolicy.SnakeCaseLower.ConvertName(key);

    private static string? Detail<T>(Result<T> result) => result.Errors.Any() ? string.Join(' ', result.Errors) : null;

    /// <summary>A 422 problem details answer whose errors are keyed by the request's JSON field names.</summary>
    public static ObjectResult UnprocessableEntity(IDictionary<string, string[]> errors) =>
        new(new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request is invalid.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        })
        {
            StatusCode = StatusCodes.Status422UnprocessableEntity,
            ContentTypes = { "application/problem+json" },
        };
}
