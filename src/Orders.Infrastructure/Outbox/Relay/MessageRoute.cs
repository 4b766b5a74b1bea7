namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>
/// A kind of message the relay delivers: rows stored under the stable <paramref name="Name"/> are read as
/// <paramref name="MessageType"/> and handed to its <c>IMessageHandler</c>. Registered in the container, one per kind.
/// </summary>
internal sealed record MessageRoute(string Name, Type MessageType);
