using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Orders.ExchangeTests;

/// <summary>
/// A receiver of the simulator's pushes on a port of its own, as the service's webhook would be: it checks each
/// push's Standard Webhooks signature with the secret (401 when it does not hold), fails the first
/// <paramref name="failFirst"/> good ones with 500, and takes the rest.
/// </summary>
internal sealed class WebhookReceiver(int failFirst = 0) : IAsyncDisposable
{
    /// <summary>The signing secret both sides share.</summary>
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly Channel<Delivery> _deliveries = Channel.CreateUnbounded<Delivery>();
    private readonly StandardWebhook _webhook = new(Secret);
    private WebApplication? _app;
    private int _failuresLeft = failFirst;

    /// <summary>Every push that reached the receiver, taken or not.</summary>
    public List<string> Attempts { get; } = [];

    public int BadSignatures { get; private set; }

    /// <summary>Where the simulator pushes to.</summary>
    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = new WebhookReceiver(failFirst);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        receiver._app = builder.Build();
        receiver._app.MapPost("/exchange/executions", receiver.ReceiveAsync);
        await receiver._app.StartAsync(TestContext.Current.CancellationToken);
        receiver.Url = new Uri(new Uri(receiver._app.Urls.Single()), "exchange/executions");
        return receiver;
    }

    /// <summary>The next push the receiver took; fails the test when none comes within 30 s.</summary>
    public async Task<Delivery> NextAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            return await _deliveries.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new ShouldAssertException($"No push was taken within 30 s; {Attempts.Count} reached the receiver, {BadSignatures} badly signed.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var webhookId = request.Headers["webhook-id"].ToString();
        lock (Attempts)
        {
            Attempts.Add(webhookId);
        }

        try
        {
            _webhook.Verify(body, request.Headers);
        }
        catch (WebhookVerificationException)
        {
            BadSignatures++;
            return Results.Unauthorized();
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        _deliveries.Writer.TryWrite(new Delivery(webhookId, JsonDocument.Parse(body).RootElement.Clone()));
        return Results.NoContent();
    }
}

/// <summary>A push the receiver took: its webhook id and its body, one execution report.</summary>
internal sealed record Delivery(string WebhookId, JsonElement Report)
{
    public long Sequence => Report.GetProperty("sequence").GetInt64();

    public string ExecutionId => Report.GetProperty("execution_id").GetString()!;
}
