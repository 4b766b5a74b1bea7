using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orders.Bench.Baseline;

/// <summary>An accepted order and the values of the three rows the service writes for it.</summary>
internal sealed record NewOrder(Guid Id, DateTime CreatedAt, OrderRequest Request, Guid MessageId, string Payload, string? TraceParent)
{
    public const string Status = "Pending";
    public const string MessageType = "order-accepted.v1";

    /// <summary>The service's default account, which the benchmark's requests (sent without a key) act for.</summary>
    public static readonly Guid Account = new("00000000-0000-7000-8000-000000000001");

    // The shape of the service's outbox payload (web defaults, enum names).
    private static readonly JsonSerializerOptions PayloadOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static NewOrder From(OrderRequest request, DateTime now)
    {
        var createdAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        var id = Guid.CreateVersion7(createdAt);
        var payload = JsonSerializer.Serialize(
            new { OrderId = id, request.Type, request.Side, request.Instrument, request.LimitPrice, request.Quantity, OccurredAt = createdAt },
            PayloadOptions);
        // The request's trace context, which the service keeps on the order and its outbox row.
        return new NewOrder(id, createdAt, request, Guid.CreateVersion7(createdAt), payload, Activity.Current?.Id);
    }

    public OrderResponse ToResponse() =>
        new(Id, CreatedAt, Request.Type, Request.Side, Request.Instrument, Request.LimitPrice, Request.Quantity, "pending");
}
