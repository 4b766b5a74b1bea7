namespace Orders.Domain.Orders;

public enum OrderStatus
{
    /// <summary>Stored and guaranteed to be placed; not yet confirmed by the exchange.</summary>
    Pending,

    /// <summary>Confirmed by the exchange.</summary>
    Placed,

    /// <summary>The exchange could not be reached within the retry budget.</summary>
    Failed,
}
