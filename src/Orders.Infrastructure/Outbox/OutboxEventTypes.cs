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

    // Strict on reading: a payload missing a field is unreadable, never half an order.
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly FrozenDictionary<Type, string> NamesByType = new Dictionary<Type, string>
    {
        [typeof(OrderAcceptedDomainEvent)] = OrderAccepted,
    }.ToFrozenDictionary();

    public static IReadOnlyCollection<Type> MappedTypes => NamesByType.Keys;

    /// <summary>Each mapped event's stable name, and its type.</summary>
    public static IEnumerable<(string Name, Type Type)> Names => NamesByType.Select(pair => (pair.Value, pair.Key));

    public static OutboxMessage ToMessage(IDomainEvent domainEvent, DateTime occurredAt)
    {
        var type = domainEvent.GetType();
        if (!NamesByType.TryGetValue(type, out var name))
        {
            throw new InvalidOperationException($"Domain event {type.Name} has no outbox name; add it to {nameof(OutboxEventTypes)}.");
        }

        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Type = name,
            Payload = JsonSerializer.Serialize(domainEvent, type, SerializerOptions),
            OccurredAt = occurredAt,
            NextAttemptAt = occurredAt,
        };
    }
}
