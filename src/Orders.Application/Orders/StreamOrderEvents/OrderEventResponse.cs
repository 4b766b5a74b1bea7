namespace Orders.Application.Orders.StreamOrderEvents;

/// <summary>One change of an order: its event id, and the order as JSON right after the change.</summary>
public sealed record OrderEventResponse(string Id, string Data);
