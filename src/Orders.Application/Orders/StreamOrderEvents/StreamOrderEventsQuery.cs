using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Orders.StreamOrderEvents;

/// <summary>
/// The changes of <paramref name="AccountId"/>'s orders as they happen: after <paramref name="LastEventId"/> (the last event a client got, as it sends it
/// back when it reconnects), or from now on; optionally only those of the order <paramref name="OrderId"/>.
/// </summary>
public sealed record StreamOrderEventsQuery(Guid AccountId, string? LastEventId, Guid? OrderId) : IQuery<IAsyncEnumerable<OrderEventResponse>>
{
    public const string LastEventIdHeader = "Last-Event-ID";
}
