using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orders.Application.Abstractions.Exchange;
using Orders.Domain.Abstractions;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Outbox;

/// <summary>
/// The explicit map between the relay's message types (domain events, and the exchange's reports the inbox received)
/// and the names stored in the outbox: renaming a class must never orphan the rows already written.
/// </summary>
internal static class OutboxEventTypes
{
    public const string OrderAccepted = "order-accepted.v1";

    public const string OrderCancelRequested = "order-cancel-requested.v1";

    public const string ExecutionReportReceived = "execution-report.v1";

    // Strict on reading: a payload missing a field is unreadable, never half an order.
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter() },
    };

    // An order's messages carry its id as their ordering key: they are relayed one at a time, in order.
    private static readonly FrozenDictionary<Type, EventType> ByType = new[]
    {
        EventType.Of<OrderAcceptedDomainEvent>(OrderAccepted, accepted => accepted.OrderId.ToString()),
        EventType.Of<OrderCancelRequestedDomainEvent>(OrderCancelRequested, requested => requested.OrderId.ToString()),
    }.ToFrozenDictionary(eventType => eventType.Type);

    public static IReadOnlyCollection<Type> MappedTypes => ByType.Keys;

    /// <summary>Each message kind's stable name, and its type.</summary>
    public static IEnumerable<(string Name, Type Type)> Names =>
        ByType.Values.Select(eventType => (eventType.Name, eventType.Type)).Append((ExecutionReportReceived, typeof(ExecutionReport)));

    public static OutboxMessage ToMessage(IDomainEvent domainEvent, DateTime occurredAt)
    {
        var type = domainEvent.GetType();
        if (!ByType.TryGetValue(type, out var eventType))
        {
            throw new InvalidOperationException($"Domain event {type.Name} has no outbox name; add it to {nameof(OutboxEventTypes)}.");
        }

        return Message(eventType.Name, JsonSerializer.Serialize(domainEvent, type, SerializerOptions), occurredAt, eventType.OrderingKey(domainEvent));
    }

    /// <summary>A received report's message: keyed like its order's own messages, so it is applied after its placement.</summary>
    public static OutboxMessage ToMessage(ExecutionReport report, DateTime receivedAt) =>
        Message(ExecutionReportReceived, JsonSerializer.Serialize(report, SerializerOptions), receivedAt, report.ClientOrderId.ToString());

    private static OutboxMessage Message(string type, string payload, DateTime occurredAt, string? orderingKey) => new()
    {
        Id = Guid.CreateVersion7(),
        Type = type,
        Payload = payload,
        OccurredAt = occurredAt,
        OrderingKey = orderingKey,
        NextAttemptAt = occurredAt,
    };

    private sealed record EventType(string Name, Type Type, Func<IDomainEvent, string?> OrderingKey)
    {
        public static EventType Of<TEvent>(string name, Func<TEvent, string?> orderingKey)
            where TEvent : IDomainEvent => new(name, typeof(TEvent), domainEvent => orderingKey((TEvent)domainEvent));
    }
}
