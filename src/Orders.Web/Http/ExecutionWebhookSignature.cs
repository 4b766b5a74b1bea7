using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Orders.Infrastructure.Exchange;
using StandardWebhooks;

namespace Orders.Web.Http;

/// <summary>
/// The exchange's pushes are authenticated by their Standard Webhooks signature alone: an HMAC-SHA256, with the shared
/// secret, of "{webhook-id}.{webhook-timestamp}.{body}", sent within <see cref="Tolerance"/> of the service's clock (a
/// replayed push is refused once it is older). Anything else is a 401, before the body is read as a report.
/// </summary>
internal sealed class ExecutionWebhookSignature : IAsyncAuthorizationFilter
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly StandardWebhook? _webhook;
    private readonly TimeProvider _timeProvider;

    public ExecutionWebhookSignature(IOptions<ExchangeOptions> options, TimeProvider timeProvider)
    {
        // The library signs; the time is checked here, by the service's clock rather than the machine's.
        _webhook = string.IsNullOrEmpty(options.Value.WebhookSecret) ? null : new StandardWebhook(options.Value.WebhookSecret);
        _timeProvider = timeProvider;
    }

    public bool IsConfigured => _webhook is not null;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.HttpContext.RequestAborted);
        request.Body.Position = 0;

        if (!IsSigned(request.Headers, body))
        {
            context.Result = new ObjectResult(new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = "The webhook signature is missing, wrong, or not within 5 minutes of the service's time.",
            })
            {
                StatusCode = StatusCodes.Status401Unauthorized,
                ContentTypes = { "application/problem+json" },
            };
        }
    }

    private bool IsSigned(IHeaderDictionary headers, string body)
    {
        var id = headers["webhook-id"].ToString();
        var timestamp = headers["webhook-timestamp"].ToString();
        var signatures = headers["webhook-signature"].ToString();
        if (_webhook is null || id.Length == 0 || signatures.Length == 0
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((_timeProvider.GetUtcNow() - sentAt).Duration() > Tolerance)
        {
            return false;
        }

        // "v1,<base64>", several separated by spaces while a secret is rotated.
        var expected = Encoding.ASCII.GetBytes(_webhook.Sign(id, sentAt, body));
        return signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(signature => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), expected));
    }
}
