using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Orders.Bench.Baseline;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

// The least a POST /orders can do: read the JSON, write the order, its first status change and its
// outbox message in one transaction, answer 201 with the same body. No MediatR, no EF Core, no validation.
// With a webhook secret, on PostgreSQL, the least a POST /exchange/executions can do: check the Standard Webhooks
// signature, then store the report in the inbox and, when it is new, apply the fill to its order, in one transaction.
// Settings: --Baseline:Provider=Postgres|Sqlite --Baseline:ConnectionString=... [--Baseline:WebhookSecret=whsec_...]
//           --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
});

var provider = builder.Configuration["Baseline:Provider"] ?? "Postgres";
var connectionString = builder.Configuration["Baseline:ConnectionString"]
    ?? throw new InvalidOperationException("Baseline:ConnectionString is required.");
builder.Services.AddSingleton<IOrderWriter>(provider switch
{
    "Postgres" => new PostgresOrderWriter(connectionString),
    "Sqlite" => new SqliteOrderWriter(connectionString),
    _ => throw new InvalidOperationException($"Unknown provider '{provider}'."),
});

var webhookSecret = builder.Configuration["Baseline:WebhookSecret"];
var receivesReports = webhookSecret is not null && provider == "Postgres";
if (receivesReports)
{
    builder.Services.AddSingleton(new StandardWebhook(webhookSecret!));
    builder.Services.AddSingleton(new PostgresReportWriter(connectionString));
}

var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok());
if (receivesReports)
{
    app.MapPost("/exchange/executions", async (HttpRequest request, StandardWebhook webhook, PostgresReportWriter writer, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
    {
        using var reader = new StreamReader(request.Body);
        var payload = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            webhook.Verify(payload, request.Headers);
        }
        catch (WebhookVerificationException)
        {
            return Results.Unauthorized();
        }

        var report = JsonSerializer.Deserialize<ExecutionReportRequest>(payload, json.Value.SerializerOptions)!;
        await writer.WriteAsync(report, payload, DateTime.UtcNow, cancellationToken);
        return Results.Ok();
    });
}

app.MapPost("/orders", async (OrderRequest request, IOrderWriter writer, CancellationToken cancellationToken) =>
{
    var order = NewOrder.From(request, DateTime.UtcNow);
    await writer.WriteAsync(order, cancellationToken);
    return Results.Created($"/orders/{order.Id}", order.ToResponse());
});
app.Run();
