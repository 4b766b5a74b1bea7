using System.Collections.Frozen;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orders.Application.Abstractions.Messaging;

namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>
/// The registered message kinds by name. Built at start-up, where a duplicate name or a kind without a handler
/// stops the service rather than dead-lettering its messages later.
/// </summary>
internal sealed class MessageRoutes
{
    private readonly FrozenDictionary<string, IRoute> _routes;
    private readonly FrozenDictionary<string, (string Name, ActivityKind Kind)> _spans;

    public MessageRoutes(IEnumerable<MessageRoute> routes, IServiceProviderIsService services)
    {
        var byName = new Dictionary<string, IRoute>();
        var spans = new Dictionary<string, (string Name, ActivityKind Kind)>();
        foreach (var route in routes)
        {
            var handler = typeof(IMessageHandler<>).MakeGenericType(route.MessageType);
            if (!services.IsService(handler))
            {
                throw new InvalidOperationException($"Outbox message '{route.Name}' ({route.MessageType.Name}) has no {nameof(IMessageHandler<>)} registered.");
            }

            if (!byName.TryAdd(route.Name, (IRoute)Activator.CreateInstance(typeof(Route<>).MakeGenericType(route.MessageType))!))
            {
                throw new InvalidOperationException($"Outbox message name '{route.Name}' is registered twice.");
            }

            spans[route.Name] = (route.SpanName ?? SpanName(route.Name), route.SpanKind);
        }

        _routes = byName.ToFrozenDictionary();
        _spans = spans.ToFrozenDictionary();
    }

    public int Count => _routes.Count;

    /// <summary>The name and kind of the span of a delivery of a row of this type (one of an unknown type too).</summary>
    public (string Name, ActivityKind Kind) SpanOf(string type) =>
        _spans.TryGetValue(type, out var span) ? span : (SpanName(type), ActivityKind.Consumer);

    /// <summary>Reads the message of a row; null with the problem when its type is unknown or its payload unreadable.</summary>
    public Delivery? Read(ClaimedOutboxMessage message, out string problem)
    {
        if (!_routes.TryGetValue(message.Type, out var route))
        {
            problem = $"Unknown message type '{message.Type}'";
            return null;
        }

        try
        {
            var read = route.Deserialize(message.Payload);
            problem = read is null ? "Empty payload" : "";
            return read is null ? null : new Delivery(route, read);
        }
        catch (JsonException exception)
        {
            problem = $"Unreadable payload: {exception.Message}";
            return null;
        }
    }

    private static string SpanName(string type) => "process " + type;

    /// <summary>A message read, ready for its handler.</summary>
    public sealed class Delivery(IRoute route, object message)
    {
        public Task<MessageOutcome> HandleAsync(IServiceProvider services, MessageDelivery delivery, CancellationToken cancellationToken) =>
            route.HandleAsync(services, message, delivery, cancellationToken);
    }

    public interface IRoute
    {
        object? Deserialize(string payload);

        Task<MessageOutcome> HandleAsync(IServiceProvider services, object message, MessageDelivery delivery, CancellationToken cancellationToken);
    }

    private sealed class Route<TMessage> : IRoute
        where TMessage : class
    {
        public object? Deserialize(string payload) => JsonSerializer.Deserialize<TMessage>(payload, OutboxEventTypes.SerializerOptions);

        public Task<MessageOutcome> HandleAsync(IServiceProvider services, object message, MessageDelivery delivery, CancellationToken cancellationToken) =>
            services.GetRequiredService<IMessageHandler<TMessage>>().HandleAsync((TMessage)message, delivery, cancellationToken);
    }
}
