using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Orders;

/// <summary>Whatever culture the process runs under, clients see the same bytes: the contract's numbers and times are invariant.</summary>
[Collection(nameof(ProcessCultureCollection))]
public sealed class CultureTests(SqliteOrdersApi api) : IClassFixture<SqliteOrdersApi>
{
    private static readonly Dictionary<string, string?> FastExchange = new() { ["Exchange:FailureRate"] = "0", ["Exchange:Latency"] = "00:00:00.01" };

    private const string Body = """{"type":"limit","side":"buy","instrument":"US0378331005","limit_price":123.5,"quantity":10}""";

    [Fact]
    public async Task Under_a_decimal_comma_culture_the_api_answers_byte_for_byte_as_under_the_invariant_one()
    {
        var key = Guid.NewGuid().ToString();
        var invariant = await UnderCultureAsync(CultureInfo.InvariantCulture, service => AnswersAsync(service, key, replay: false));
        var german = await UnderCultureAsync(CultureInfo.GetCultureInfo("de-DE"), service => AnswersAsync(service, key, replay: true));

        german.ShouldBe(invariant);
        invariant[0].ShouldContain("\"limit_price\":123.5,");
    }

    // The whole service (its request threads and its dispatcher) runs under the culture; both runs share one database.
    private async Task<string[]> UnderCultureAsync(CultureInfo culture, Func<OrdersService, Task<string[]>> answers)
    {
        var (before, beforeDefault) = (CultureInfo.CurrentCulture, CultureInfo.DefaultThreadCurrentCulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.DefaultThreadCurrentCulture = culture;
        try
        {
            await using var service = await OrdersService.StartOnAsync(api, api.ConnectionString, FastExchange);
            return await answers(service);
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = before;
            CultureInfo.DefaultThreadCurrentCulture = beforeDefault;
        }
    }

    // The 201 (first or replayed, under one key: the fingerprint does not depend on the culture), the order once
    // placed, and a filtered list.
    private static async Task<string[]> AnswersAsync(OrdersService service, string key, bool replay)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        var created = await service.Client.SendAsync(request, TestContext.Current.CancellationToken);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.Contains("Idempotent-Replayed").ShouldBe(replay);
        var id = (await created.Content.ReadFromJsonAsync<CreatedOrder>(TestContext.Current.CancellationToken))!.Id;

        var placed = "";
        await Eventually.HoldsAsync(
            async () => (placed = await service.Client.GetStringAsync($"/orders/{id}", TestContext.Current.CancellationToken)).Contains("\"status\":\"placed\""),
            TimeSpan.FromSeconds(30),
            "the order is placed");
        var listed = await service.Client.GetStringAsync("/orders?created_from=2020-01-01T00:00:00.5Z&limit=1", TestContext.Current.CancellationToken);
        return [await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), placed, listed];
    }

    private sealed record CreatedOrder(Guid Id);
}

/// <summary>Tests that change the process's culture run alone.</summary>
[CollectionDefinition(nameof(ProcessCultureCollection), DisableParallelization = true)]
public sealed class ProcessCultureCollection;
