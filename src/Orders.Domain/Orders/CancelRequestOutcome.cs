namespace Orders.Domain.Orders;

/// <summary>What a request to cancel the order decided.</summary>
public enum CancelRequestOutcome
{
    /// <summary>A pending order that cannot have reached the exchange: cancelled at once, never to be sent.</summary>
    CancelledNow,

    /// <summary>The cancel is on its way to the exchange; the order is cancelling until the exchange answers.</summary>
    Cancelling,

    /// <summary>Cancelled before: nothing changed.</summary>
    AlreadyCancelled,

    /// <summary>A cancel is already on its way: nothing changed.</summary>
    AlreadyCancelling,

    /// <summary>Filled or failed: nothing is left to cancel. Nothing changed.</summary>
    NotCancellable,
}
