using System.Diagnostics;

namespace Orders.Infrastructure.Monitoring.Tracing;

/// <summary>
/// The service's own spans. A span costs nothing while nothing listens: <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// answers null, and callers check <see cref="ActivitySource.HasListeners"/> before doing any work for one.
/// </summary>
internal static class OrdersTracing
{
    /// <summary>The name an OpenTelemetry set-up adds as a source (<c>AddSource</c>) to export these spans.</summary>
    public const string SourceName = "Orders";

    public static readonly ActivitySource Source = new(SourceName);
}
