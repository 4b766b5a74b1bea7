namespace Orders.ExchangeSimulator;

/// <summary>The simulator's knobs (section "Exchange") as a test hosting it in process sets them, before and while it runs.</summary>
public static class Knobs
{
    /// <summary>Knob names and values as configuration entries.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> AsConfiguration(IEnumerable<(string Key, string Value)> knobs) =>
        knobs.Select(knob => KeyValuePair.Create<string, string?>($"{ExchangeSimulatorOptions.SectionName}:{knob.Key}", knob.Value));

    /// <summary>Turns a knob of a running simulator for the requests that follow: it reads its options on every request.</summary>
    public static void Set(IServiceProvider services, string key, string value)
    {
        var configuration = (IConfigurationRoot)services.GetRequiredService<IConfiguration>();
        configuration[$"{ExchangeSimulatorOptions.SectionName}:{key}"] = value;
        configuration.Reload();
    }
}
