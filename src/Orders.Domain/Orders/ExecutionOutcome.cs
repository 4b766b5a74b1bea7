namespace Orders.Domain.Orders;

/// <summary>What applying an execution report did to the order.</summary>
public abstract record ExecutionOutcome
{
    private ExecutionOutcome()
    {
    }

    /// <summary>The order changed, and its history says how.</summary>
    public sealed record Applied : ExecutionOutcome;

    /// <summary>The order already holds this execution id: nothing changed.</summary>
    public sealed record Duplicate : ExecutionOutcome;

    /// <summary>The report cannot be true of this order (it would overfill it, or names another exchange order): nothing changed.</summary>
    public sealed record Rejected(string Reason) : ExecutionOutcome;
}
