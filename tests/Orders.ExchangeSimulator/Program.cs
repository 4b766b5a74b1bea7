using Orders.Infrastructure.Exchange.Market;
using StandardWebhooks;

namespace Orders.ExchangeSimulator;

/// <summary>
/// A stand-alone stock exchange speaking the HTTP API the Orders service's adapter calls, its orders in the same
/// simulated market as the service's in-process exchange, its execution reports pushed to a webhook. Knobs come from
/// configuration (section "Exchange"): command line <c>--Exchange:FailureRate=0.3</c>, environment
/// <c>Exchange__FailureRate=0.3</c> or appsettings. Public, and outside the global namespace, so a
/// WebApplicationFactory in a test project that also sees Orders.Web's global Program can start it.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOptions<ExchangeSimulatorOptions>()
            .Bind(builder.Configuration.GetSection(ExchangeSimulatorOptions.SectionName))
            .Validate(o => o.Latency >= TimeSpan.Zero, "Exchange:Latency must not be negative.")
            .Validate(o => o.FailureRate is >= 0 and <= 1, "Exchange:FailureRate must be between 0 and 1.")
            .Validate(o => o.LostReplyRate is >= 0 and <= 1, "Exchange:LostReplyRate must be between 0 and 1.")
            .Validate(o => o.DuplicateRate is >= 0 and <= 1, "Exchange:DuplicateRate must be between 0 and 1.")
            .Validate(o => o.ReorderRate is >= 0 and <= 1, "Exchange:ReorderRate must be between 0 and 1.")
            .Validate(o => o.DropRate is >= 0 and <= 1, "Exchange:DropRate must be between 0 and 1.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.RejectReason), "Exchange:RejectReason must not be empty.")
            .Validate(o => o.WebhookRetryDelay > TimeSpan.Zero && o.WebhookMaxRetryDelay >= o.WebhookRetryDelay,
                "Exchange:WebhookRetryDelay must be positive and Exchange:WebhookMaxRetryDelay no shorter.")
            .Validate(o => o.WebhookUrl is null || IsSigningSecret(o.WebhookSecret),
                "Exchange:WebhookSecret (whsec_ and base64) is required when Exchange:WebhookUrl is set.")
            .ValidateOnStart();
        builder.Services.AddSimulatedMarket(builder.Configuration);
        builder.Services.AddSingleton<CallLog>();
        builder.Services.AddSingleton<WebhookDelivery>();
        builder.Services.AddHostedService<ReportPusher>();

        var app = builder.Build();
        app.MapPost("/orders", PlaceOrderEndpoint.HandleAsync);
        app.MapPost("/orders/{clientOrderId:guid}/cancel", CancelOrderEndpoint.HandleAsync);
        app.MapGet("/orders/{clientOrderId:guid}", OrderStatusEndpoint.HandleAsync);
        app.MapGet("/executions", ExecutionsEndpoint.HandleAsync);
        app.MapGet("/placements", (CallLog log) => SimulatedCall.Json(log.Snapshot()));
        app.Run();
    }

    private static bool IsSigningSecret(string? secret)
    {
        try
        {
            _ = new StandardWebhook(secret ?? "");
            return !string.IsNullOrEmpty(secret);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
