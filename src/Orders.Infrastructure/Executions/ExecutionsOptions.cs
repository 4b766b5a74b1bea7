namespace Orders.Infrastructure.Executions;

public sealed class ExecutionsOptions
{
    public const string SectionName = "Executions";

    /// <summary>Whether this instance asks the exchange for the reports the service missed (off: only pushes come in).</summary>
    public bool Reconcile { get; set; } = true;

    /// <summary>How often the exchange is asked for the reports the service missed (and once at every start).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);
}
