using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Orders.ExchangeSimulator;
using SimulatorProgram = Orders.ExchangeSimulator.Program;

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// The exchange simulator listening on a port of its own, met by a service's Http adapter as in production; its
/// knobs ("Exchange:…") can be turned while it runs.
/// </summary>
internal sealed class StandaloneExchange : WebApplicationFactory<SimulatorProgram>
{
    private readonly (string Key, string Value)[] _settings;
    private readonly HttpClient _client;

    public StandaloneExchange(params (string Key, string Value)[] settings)
        : this(port: 0, settings)
    {
    }

    /// <summary>On a given port: the exchange restarted where a stopped one listened (0: a port of its own).</summary>
    public StandaloneExchange(int port, params (string Key, string Value)[] settings)
    {
        _settings = settings;

        // Bound by Kestrel itself: UseKestrel(0) rewrites the server's addresses after the simulator's own start has
        // begun, and sometimes too late.
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        StartServer();
        _client = CreateClient();
    }

    public int Port => _client.BaseAddress!.Port;

    /// <summary>What points a service's exchange adapter here.</summary>
    public IReadOnlyDictionary<string, string?> ServiceSettings => new Dictionary<string, string?>
    {
        ["Exchange:Mode"] = "Http",
        ["Exchange:BaseUrl"] = _client.BaseAddress!.ToString(),
    };

    /// <summary>Changes a knob for the requests that follow: the simulator reads its options on every request.</summary>
    public void Set(string key, string value) => Knobs.Set(Services, key, value);

    /// <summary>The simulator's report: its placements (client order id, exchange order id, requests) and its failed calls.</summary>
    public async Task<JsonElement> PlacementsAsync() =>
        await _client.GetFromJsonAsync<JsonElement>("placements", TestContext.Current.CancellationToken);

    /// <summary>What the simulator's market holds for a client order id: its state ("open", "filled", …) and its reports.</summary>
    public async Task<JsonElement> OrderAsync(Guid clientOrderId) =>
        await _client.GetFromJsonAsync<JsonElement>($"orders/{clientOrderId}", TestContext.Current.CancellationToken);

    public override async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(Knobs.AsConfiguration(_settings)));
}
