using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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

    /// <summary>
    /// A fill of <paramref name="quantity"/> at <paramref name="price"/>, as the exchange would send it, with the cumulative
    /// fields of an order's first fill and <paramref name="leaves"/> still open after it.
    /// </summary>
    public static string Fill(Guid orderId, string executionId, long sequence, int quantity, decimal price, string exchangeOrderId = "EX-1", int leaves = 0) =>
        Report(orderId, executionId, sequence, exchangeOrderId, "fill", quantity, price, filled: quantity, leaves, averagePrice: price, reason: null);

    /// <summary>The end of a cancel: what was left is cancelled, <paramref name="filled"/> at <paramref name="averagePrice"/> stays filled.</summary>
    public static string Cancelled(Guid orderId, string executionId, long sequence, string exchangeOrderId, int filled, decimal averagePrice) =>
        Report(orderId, executionId, sequence, exchangeOrderId, "cancelled", 0, 0, filled, leaves: 0, averagePrice, reason: null);

    /// <summary>A cancel refused with <paramref name="reason"/>, the order standing at <paramref name="filled"/>, <paramref name="leaves"/> open.</summary>
    public static string CancelRejected(
        Guid orderId, string executionId, long sequence, string exchangeOrderId, int filled, int leaves, decimal averagePrice, string reason) =>
        Report(orderId, executionId, sequence, exchangeOrderId, "cancel_rejected", 0, 0, filled, leaves, averagePrice, reason);

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

    /// <summary>Pushes the report, signed, and expects it acknowledged; returns the acknowledgement.</summary>
    public static async Task<JsonElement> PushAsync(HttpClient client, string body)
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var response = await client.SendAsync(Signed(body), cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellation));
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellation);
    }

    public static HttpRequestMessage Unsigned(string body) =>
        new(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };

    // One report in the wire format; the cumulative fields are the exchange's view of the order after it.
    private static string Report(
        Guid orderId,
        string executionId,
        long sequence,
        string exchangeOrderId,
        string kind,
        int lastQuantity,
        decimal lastPrice,
        int filled,
        int leaves,
        decimal averagePrice,
        string? reason) =>
        JsonSerializer.Serialize(
            new
            {
                session_id = "S-1",
                sequence,
                execution_id = executionId,
                client_order_id = orderId,
                exchange_order_id = exchangeOrderId,
                kind,
                last_quantity = lastQuantity,
                last_price = lastPrice,
                cumulative_quantity = filled,
                leaves_quantity = leaves,
                average_price = averagePrice,
                transact_time = new DateTime(2026, 11, 30, 9, 30, 15, DateTimeKind.Utc),
                reason,
            },
            Wire);
}
