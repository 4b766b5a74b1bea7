namespace Orders.Infrastructure.Executions.Reconciliation;

/// <summary>An open order whose state at the exchange no report explains, parked for an operator until it is gone.</summary>
internal sealed class OrderDiscrepancy
{
    public required Guid OrderId { get; init; }

    public required string Reason { get; set; }

    /// <summary>UTC.</summary>
    public required DateTime FoundAt { get; init; }

    /// <summary>When the exchange last confirmed the difference; UTC.</summary>
    public required DateTime CheckedAt { get; set; }
}
