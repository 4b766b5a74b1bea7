using System.Collections.Frozen;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orders.Application.Abstractions.Exchange;
using Orders.Domain.Abstractions;
using Orders.Domain.Orders;
using Orders.Infrastructure.Monitoring.Tracing;

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

    // An order's messages carry its id as their ordering key: they are relayed one at a time, in order. The exchange
    // calls' spans are clients; applying a received report processes a message.
    private static readonly FrozenDictionary<Type, EventType> ByType = new[]
    {
        EventType.Of<OrderAcceptedDomainEvent>(OrderAccepted, "place order", accepted => accepted.OrderId.ToString()),
        EventType.Of<OrderCancelRequestedDomainEvent>(OrderCancelRequested, "cancel order", requested => requested.OrderId.ToString()),
    }.ToFrozenDictionary(eventType => eventType.Type);

    public static IReadOnlyCollection<Type> MappedTypes => ByType.Keys;

    /// <summary>Each message kind's stable name, its type, and the name and kind of the span of its delivery.</summary>
    public static IEnumerable<(string Name, Type Type, string SpanName, ActivityKind SpanKind)> Names =>
        ByType.Values.Select(eventType => (eventType.Name, eventType.Type, eventType.SpanName, ActivityKind.Client))
            .Append((ExecutionReportReceived, typeof(ExecutionReport), "apply execution report", ActivityKind.Consumer));

    /// <summary>
    /// The event's message; <paramref name="journey"/> is the trace its aggregate's journey began in (null when unknown),
    /// which the message's span continues, linked to the current span when that is another.
    /// </summary>
    public static OutboxMessage ToMessage(IDomainEvent domainEvent, DateTime occurredAt, string? journey = null)
    {
        var type = domainEvent.GetType();
        if (!ByType.TryGetValue(type, out var eventType))
        {
            throw new InvalidOperationException($"Domain event {type.Name} has no outbox name; add it to {nameof(OutboxEventTypes)}.");
        }

        return Message(eventType.Name, JsonSerializer.Serialize(domainEvent, type, SerializerOptions), occurredAt, eventType.OrderingKey(domainEvent), journey);
    }

    /// <summary>
    /// A received report's message: keyed like its order's own messages, so it is applied after its placement. Its
    /// journey is its order's, which the inbox's statement reads.
    /// </summary>
    public static OutboxMessage ToMessage(ExecutionReport report, DateTime receivedAt) =>
        Message(ExecutionReportReceived, JsonSerializer.Serialize(report, SerializerOptions), receivedAt, report.ClientOrderId.ToString(), journey: null);

    private static OutboxMessage Message(string type, string payload, DateTime occurredAt, string? orderingKey, string? journey)
    {
        var cause = StoredTraceContext.Current();
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Type = type,
            Payload = payload,
            OccurredAt = occurredAt,
            OrderingKey = orderingKey,
            NextAttemptAt = occurredAt,
            TraceParent = journey,
            TraceLink = cause == journey ? null : cause,
        };
    }

    private sealed record EventType(string Name, Type Type, string SpanName, Func<IDomainEvent, string?> OrderingKey)
    {
        public static EventType Of<TEvent>(string name, string spanName, Func<TEvent, string?> orderingKey)
            where TEvent : IDomainEvent => new(name, typeof(TEvent), spanName, domainEvent => orderingKey((TEvent)domainEvent));
    }
}
