using System.Text.Json;
using System.Text.Json.Serialization;
using Orders.Bench.Baseline;

// The least a POST /orders can do: read the JSON, write the order, its first status change and its
// outbox message in one transaction, answer 201 with the same body. No MediatR, no EF Core, no validation.
// Settings: --Baseline:Provider=Postgres|Sqlite --Baseline:ConnectionString=... --urls http://127.0.0.1:PORT
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

var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok());
app.MapPost("/orders", async (OrderRequest request, IOrderWriter writer, CancellationToken cancellationToken) =>
{
    var order = NewOrder.From(request, DateTime.UtcNow);
    await writer.WriteAsync(order, cancellationToken);
    return Results.Created($"/orders/{order.Id}", order.ToResponse());
});
app.Run();
