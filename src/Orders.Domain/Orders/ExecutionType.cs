namespace Orders.Domain.Orders;

/// <summary>What an exchange's execution report says happened to the order (FIX's ExecType, with the cancel reject beside it).</summary>
public enum ExecutionType
{
    /// <summary>Part or all of the order traded.</summary>
    Fill,

    /// <summary>The exchange cancelled what was left to fill.</summary>
    Cancelled,

    /// <summary>The exchange refused a cancel: nothing was left to fill, or it does not hold the order.</summary>
    CancelRejected,
}
