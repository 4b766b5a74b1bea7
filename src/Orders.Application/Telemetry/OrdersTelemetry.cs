namespace Orders.Application.Telemetry;

/// <summary>
/// The name of the service's own <see cref="System.Diagnostics.Metrics.Meter"/> and
/// <see cref="System.Diagnostics.ActivitySource"/>, which the host's OpenTelemetry registration listens to. Every
/// metrics class asks the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> for it, and gets the same meter.
/// </summary>
public static class OrdersTelemetry
{
    public const string Name = "Orders";
}
