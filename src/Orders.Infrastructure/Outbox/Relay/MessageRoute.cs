using System.Diagnostics;

namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>
/// A kind of message the relay delivers: rows stored under the stable <paramref name="Name"/> are read as
/// <paramref name="MessageType"/> and handed to its <c>IMessageHandler</c>, each delivery in a span named
/// <paramref name="SpanName"/> (by default "process" and the name, as OpenTelemetry's messaging conventions name a
/// consumer's). Registered in the container, one per kind.
/// </summary>
internal sealed record MessageRoute(string Name, Type MessageType, string? SpanName = null, ActivityKind SpanKind = ActivityKind.Consumer);
