using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Exchange;
using Orders.Infrastructure.Exchange;
using Orders.Infrastructure.Resilience;
using StandardWebhooks;

namespace Orders.ExchangeSimulator;

/// <summary>
/// Pushes one report to <see cref="ExchangeSimulatorOptions.WebhookUrl"/>, signed the Standard Webhooks way (its
/// execution id as the webhook id), and tries again, waiting longer each time, until the receiver answers 2xx.
/// </summary>
internal sealed class WebhookDelivery(
    IOptionsMonitor<ExchangeSimulatorOptions> options, TimeProvider timeProvider, ILogger<WebhookDelivery> logger) : IDisposable
{
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _client = new() { Timeout = PushTimeout };

    public async Task DeliverAsync(ExecutionReport report, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(ExecutionReportWire.From(report), WireFormat.Json);
        for (var failures = 1; ; failures++)
        {
            var current = options.CurrentValue;
            if (current.WebhookUrl is not { } url)
            {
                return; // turned off meanwhile
            }

            if (await PushAsync(url, current.WebhookSecret!, report.ExecutionId, body, cancellationToken) is not { } failure)
            {
                return;
            }

            var delay = Backoff.Delay(failures, current.WebhookRetryDelay, current.WebhookMaxRetryDelay, Random.Shared.NextDouble());
            logger.LogWarning("Pushing report {ExecutionId} failed ({Failure}); trying again in {Delay}", report.ExecutionId, failure, delay);
            await Task.Delay(delay, timeProvider, cancellationToken);
        }
    }

    public void Dispose() => _client.Dispose();

    // Null once the receiver took it, else why not.
    private async Task<string?> PushAsync(Uri url, string secret, string webhookId, string body, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(secret).Sign(webhookId, now, body));
        try
        {
            using var response = await _client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException exception)
        {
            return exception.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {PushTimeout}";
        }
    }
}
