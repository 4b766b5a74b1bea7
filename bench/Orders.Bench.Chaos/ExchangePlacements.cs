using System.Net.Http.Json;
using System.Text.Json;

namespace Orders.Bench.Chaos;

/// <summary>
/// The client order ids the exchange simulator holds (GET /placements). It keeps them in memory only, so the
/// placements it held before it was killed come from the file saved then.
/// </summary>
internal sealed class ExchangePlacements(Uri exchange, string? savedBeforeKill)
{
    public async Task<HashSet<Guid>> ClientOrderIdsAsync()
    {
        using var http = new HttpClient();
        var placements = ClientOrderIds(await http.GetFromJsonAsync<JsonElement>(new Uri(exchange, "placements")));
        if (savedBeforeKill is not null)
        {
            placements.UnionWith(ClientOrderIds(JsonDocument.Parse(await File.ReadAllTextAsync(savedBeforeKill)).RootElement));
        }

        return placements;
    }

    private static HashSet<Guid> ClientOrderIds(JsonElement report) =>
        [.. report.GetProperty("placements").EnumerateArray().Select(placement => placement.GetProperty("client_order_id").GetGuid())];
}
