namespace Orders.IntegrationTests.Outbox;

/// <summary>The settings of a service whose dispatcher a test runs by hand, or as in production.</summary>
internal static class DispatchSettings
{
    /// <summary>The dispatcher is run by hand (no Quartz trigger), on a fast exchange.</summary>
    public static Dictionary<string, string?> Manual(double failureRate = 0, string latency = "00:00:00") => new()
    {
        ["Outbox:Dispatch"] = "false",
        ["Exchange:Latency"] = latency,
        ["Exchange:FailureRate"] = failureRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The dispatcher runs as in production (Quartz, woken by each commit), with short backoffs.</summary>
    public static Dictionary<string, string?> Scheduled(double failureRate) => new()
    {
        ["Exchange:Latency"] = "00:00:00.005",
        ["Exchange:FailureRate"] = failureRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Outbox:PollInterval"] = "00:00:00.1",
        ["Outbox:BaseBackoff"] = "00:00:00.02",
        ["Outbox:MaxBackoff"] = "00:00:00.1",
    };
}
