using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orders.Domain.Abstractions;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Outbox;

/// <summary>
/// The explicit map between domain event types and the names stored in the outbox: renaming a class
/// must never orphan the rows already written.
/// </summary>
internal static class OutboxEventTypes
{
    public const string OrderAccepted = "order-accepted.v1";

    public const string OrderCancelRequested = "order-cancel-requested.v1";

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

    /// <summary>Each mapped event's stable name, and its type.</summary>
    public static IEnumerable<(string Name, Type Type)> Names => ByType.Values.Select(eventType => (eventType.Name, eventType.Type));

    public static OutboxMessage ToMessage(IDomainEvent domainEvent, DateTime occurredAt)
    {
        var type = domainEvent.GetType();
        if (!ByType.TryGetValue(type, out var eventType))
        {
            throw new InvalidOperationException($"Domain event {type.Name} has no outbox name; add it to {nameof(OutboxEventTypes)}.");
        }

        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Type = eventType.Name,
            Payload = JsonSerializer.Serialize(domainEvent, type, SerializerOptions),
            OccurredAt = occurredAt,
            OrderingKey = eventType.OrderingKey(domainEvent),
            NextAttemptAt = occurredAt,
        };
    }

    private sealed record EventType(string Name, Type Type, Func<IDomainEvent, string?> OrderingKey)
    {
        public static EventType Of<TEvent>(string name, Func<TEvent, string?> orderingKey)
            where TEvent : IDomainEvent => new(name, typeof(TEvent), domainEvent => orderingKey((TEvent)domainEvent));
    }
}
