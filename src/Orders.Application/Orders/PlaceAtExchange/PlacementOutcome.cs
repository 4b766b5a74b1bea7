namespace Orders.Application.Orders.PlaceAtExchange;

/// <summary>The outcomes the relay records for a placement, with a rejection told apart from a deadline given up.</summary>
internal enum PlacementOutcome
{
    Placed,
    Rejected,
    Retry,
    DeadLettered,
    NotAttempted,
}
