using System.Diagnostics;
using System.Globalization;
using System.Text;
using StandardWebhooks;

namespace Orders.Bench.Reports;

/// <summary>What the pushes got: 2xx answers, the rest, how long it took, and per order when its last report was acknowledged.</summary>
internal sealed record PushResult(int Accepted, int Errors, TimeSpan Elapsed, long[] LastAcknowledgedAt);

/// <summary>
/// Sends the pushes in their order from a number of concurrent senders, each POST signed the Standard Webhooks way,
/// as the exchange does; a push is not repeated when it fails (it counts as an error).
/// </summary>
internal sealed class ReportPusher(HttpClient client, Uri url, string secret)
{
    public async Task<PushResult> PushAsync(IReadOnlyList<Push> pushes, int orderCount, int concurrency)
    {
        // Stopwatch timestamps of the latest 2xx among each order's reports.
        var lastAcknowledgedAt = new long[orderCount];
        var accepted = 0;
        var errors = 0;
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var webhook = new StandardWebhook(secret);
            for (var i = Interlocked.Increment(ref next); i < pushes.Count; i = Interlocked.Increment(ref next))
            {
                var push = pushes[i];
                if (await SendAsync(webhook, push))
                {
                    Interlocked.Increment(ref accepted);
                    RaiseTo(ref lastAcknowledgedAt[push.Order], Stopwatch.GetTimestamp());
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return new PushResult(accepted, errors, Stopwatch.GetElapsedTime(started), lastAcknowledgedAt);
    }

    private async Task<bool> SendAsync(StandardWebhook webhook, Push push)
    {
        var now = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(push.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", push.WebhookId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", webhook.Sign(push.WebhookId, now, push.Body));
        try
        {
            using var response = await client.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static void RaiseTo(ref long target, long value)
    {
        for (var current = Volatile.Read(ref target); current < value; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
