using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StandardWebhooks;

namespace Orders.IntegrationTests.Executions;

/// <summary>The exchange's side of POST /exchange/executions: a report in the wire format, signed the Standard Webhooks way.</summary>
internal static class ExecutionWebhook
{
    /// <summary>The secret the tests' services are given.</summary>
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public const string Path = "/exchange/executions";

    private static readonly JsonSerializerOptions Wire = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Exchange:WebhookSecret"] = Secret };

    /// <summary>A fill of <paramref name="quantity"/> at <paramref name="price"/>, as the exchange would send it.</summary>
    public static string Fill(Guid orderId, string executionId, long sequence, int quantity, decimal price, string exchangeOrderId = "EX-1") =>
        JsonSerializer.Serialize(
            new
            {
                session_id = "S-1",
                sequence,
                execution_id = executionId,
                client_order_id = orderId,
                exchange_order_id = exchangeOrderId,
                kind = "fill",
                last_quantity = quantity,
                last_price = price,
                cumulative_quantity = quantity,
                leaves_quantity = 0,
                average_price = price,
                transact_time = new DateTime(2026, 11, 30, 9, 30, 15, DateTimeKind.Utc),
                reason = (string?)null,
            },
            Wire);

    /// <summary>The push as the exchange sends it: signed with <paramref name="secret"/> at <paramref name="sentAt"/> (now by default).</summary>
    public static HttpRequestMessage Signed(string body, string secret = Secret, DateTimeOffset? sentAt = null, string webhookId = "msg-1")
    {
        var timestamp = sentAt ?? DateTimeOffset.UtcNow;
        var request = Unsigned(body);
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(secret).Sign(webhookId, timestamp, body));
        return request;
    }

    public static HttpRequestMessage Unsigned(string body) =>
        new(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
}
