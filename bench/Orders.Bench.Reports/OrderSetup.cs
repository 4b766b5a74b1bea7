using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Npgsql;

namespace Orders.Bench.Reports;

/// <summary>
/// The run's orders: buy limits far below the exchange's price, so they rest and only the run's reports fill
/// them, created through POST /orders like any client's.
/// </summary>
internal sealed class OrderSetup(HttpClient client, Uri baseUrl, NpgsqlDataSource database)
{
    private const string OrderBody = """{"type":"limit","side":"buy","instrument":"US0378331005","limit_price":150.25,"quantity":QUANTITY}""";

    public async Task<Guid[]> CreateAsync(int count, int quantity, int concurrency)
    {
        var ids = new Guid[count];
        var next = -1;
        var body = OrderBody.Replace("QUANTITY", quantity.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri(baseUrl, "/orders"), content);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"POST /orders answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                ids[i] = (await response.Content.ReadFromJsonAsync<CreatedOrder>())!.Id;
            }
        }));
        return ids;
    }

    /// <summary>
    /// The exchange's id of every order, once the service has placed them all: a report must name the exchange order
    /// the service holds.
    /// </summary>
    public async Task<Dictionary<Guid, string>?> AwaitPlacementAsync(IReadOnlyCollection<Guid> ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var placed = new Dictionary<Guid, string>();
            await using (var command = database.CreateCommand("SELECT id, exchange_order_id FROM orders WHERE exchange_order_id IS NOT NULL"))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    placed[reader.GetGuid(0)] = reader.GetString(1);
                }
            }

            if (ids.All(placed.ContainsKey))
            {
                return placed;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{ids.Count(id => !placed.ContainsKey(id))} of {ids.Count} orders not placed within {timeout}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private sealed record CreatedOrder(Guid Id);
}
