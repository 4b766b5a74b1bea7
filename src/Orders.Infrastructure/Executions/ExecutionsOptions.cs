namespace Orders.Infrastructure.Executions;

public sealed class ExecutionsOptions
{
    public const string SectionName = "Executions";

    /// <summary>
    /// Whether this instance asks the exchange for the reports the service missed and compares open orders with the
    /// exchange's (off: only pushes come in).
    /// </summary>
    public bool Reconcile { get; set; } = true;

    /// <summary>How often the exchange is asked for the reports the service missed and about open orders (and once at every start).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many open orders each reconciliation run asks the exchange about, in turn: one status request each.</summary>
    public int ReconcileBatchSize { get; set; } = 20;
}
