namespace Orders.Domain.Orders;

/// <summary>Where an order stands; stored and shown by name, so the values' order is free. Filled and cancelled are final.</summary>
public enum OrderStatus
{
    /// <summary>Stored and guaranteed to be placed; not yet confirmed by the exchange.</summary>
    Pending,

    /// <summary>Confirmed by the exchange; nothing filled yet.</summary>
    Placed,

    /// <summary>Part of the quantity filled, the rest still open at the exchange.</summary>
    PartiallyFilled,

    /// <summary>The whole quantity filled.</summary>
    Filled,

    /// <summary>A cancel was asked for and is on its way to the exchange.</summary>
    Cancelling,

    /// <summary>Nothing more will fill; what filled before stays filled.</summary>
    Cancelled,

    /// <summary>The exchange could not be reached within the retry budget.</summary>
    Failed,
}
