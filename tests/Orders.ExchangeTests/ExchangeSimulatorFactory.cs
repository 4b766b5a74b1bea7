using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orders.ExchangeSimulator;
using Orders.Infrastructure.Exchange;
using SimulatorProgram = Orders.ExchangeSimulator.Program;

namespace Orders.ExchangeTests;

/// <summary>The exchange simulator in memory, its knobs ("Exchange:…") changeable while it runs, and what it counted.</summary>
internal sealed class ExchangeSimulatorFactory(params (string Key, string Value)[] settings) : WebApplicationFactory<SimulatorProgram>
{
    // Unless a test says otherwise.
    private static readonly Dictionary<string, string?> FastAndReliable = new()
    {
        ["Exchange:Latency"] = "00:00:00",
        ["Exchange:FailureRate"] = "0",
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>An adapter over this simulator, as Orders.Infrastructure would build it, with its own circuit.</summary>
    public HttpStockExchange CreateExchange(TimeSpan? timeout = null) => new(
        CreateClient(),
        Options.Create(new ExchangeOptions { Mode = ExchangeMode.Http, Timeout = timeout ?? TimeSpan.FromSeconds(5) }),
        TimeProvider.System,
        NullLogger<HttpStockExchange>.Instance);

    /// <summary>Changes a knob for the requests that follow: the simulator reads its options on every request.</summary>
    public void Set(string key, string value) => Knobs.Set(Services, key, value);

    public async Task<PlacementsReport> PlacementsAsync()
    {
        using var client = CreateClient();
        var report = await client.GetFromJsonAsync<PlacementsReport>("placements", Json, TestContext.Current.CancellationToken);
        return report.ShouldNotBeNull();
    }

    /// <summary>The simulator's clock, when a test drives it; the system's otherwise.</summary>
    public TimeProvider? Time { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(configuration => configuration
            .AddInMemoryCollection(FastAndReliable)
            .AddInMemoryCollection(Knobs.AsConfiguration(settings)));
        if (Time is { } time)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }
    }
}

internal sealed record PlacementsReport(IReadOnlyList<PlacementEntry> Placements, long FailedCalls, long ReportsPushed, long ReportsDropped);

internal sealed record PlacementEntry(Guid ClientOrderId, string ExchangeOrderId, int Requests);
