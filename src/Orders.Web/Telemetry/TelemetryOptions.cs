namespace Orders.Web.Telemetry;

internal sealed class TelemetryOptions
{
    public const string SectionName = "OpenTelemetry";

    /// <summary>Off: no tracer or meter provider at all, and no /metrics (a 404).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// An OTLP collector (gRPC unless OTEL_EXPORTER_OTLP_PROTOCOL says otherwise, e.g. http://collector:4317) to send
    /// traces and metrics to; the standard OTEL_EXPORTER_OTLP_ENDPOINT does the same. Neither set: nothing is sent.
    /// </summary>
    public Uri? Endpoint { get; set; }
}
