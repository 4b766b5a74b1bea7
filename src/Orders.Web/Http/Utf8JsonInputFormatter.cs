using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Net.Http.Headers;

namespace Orders.Web.Http;

/// <summary>
/// Reads the contract's JSON, which is UTF-8. A body declared in another charset is a 415 (the base class
/// answers so for a charset it does not support, where UTF-16 would be transcoded and could throw). A body
/// whose bytes are not UTF-8 is unreadable, wherever they are: the JSON reader checks only the strings it
/// binds, so a bad byte in an unknown field would pass unseen. A leading byte order mark is skipped, however
/// the body's bytes arrive. A body with more than one Content-Type is a 415 too.
/// </summary>
internal sealed class Utf8JsonInputFormatter : SystemTextJsonInputFormatter
{
    public Utf8JsonInputFormatter(JsonOptions options, ILogger<SystemTextJsonInputFormatter> logger)
        : base(options, logger) =>
        SupportedEncodings.Remove(UTF16EncodingLittleEndian);

    // One media type: with a second (a repeated header, or a list in one) it is unclear what the body is.
    public override bool CanRead(InputFormatterContext context) =>
        MediaTypeHeaderValue.TryParse(context.HttpContext.Request.ContentType, out _) && base.CanRead(context);

    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context)
    {
        var request = context.HttpContext.Request;
        var body = request.Body;
        request.Body = new Utf8BodyStream(body);
        try
        {
            return await base.ReadRequestBodyAsync(context);
        }
        finally
        {
            request.Body = body;
        }
    }
}
