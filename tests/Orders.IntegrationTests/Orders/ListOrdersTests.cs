using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Orders;

/// <summary>GET /orders: newest first, keyset pages with an opaque cursor, and filters.</summary>
public abstract class ListOrdersTests(OrdersApi api)
{
    private static readonly Dictionary<string, string?> NoDispatch = new() { ["Outbox:Dispatch"] = "false", ["Exchange:Latency"] = "00:00:00", ["Exchange:FailureRate"] = "0" };

    [Fact]
    public async Task Paging_through_1234_orders_sees_each_once_newest_first_while_new_orders_arrive()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);
        var existing = await service.PlaceOrdersAsync(1234, parallelism: 32);
        var arrivedDuringTheWalk = new List<Guid>();
        var seen = new List<JsonElement>();

        string? cursor = null;
        do
        {
            var page = await GetAsync(service, cursor is null ? "/orders?limit=97" : $"/orders?limit=97&cursor={cursor}");
            seen.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("next_cursor").GetString();
            arrivedDuringTheWalk.AddRange(await service.PlaceOrdersAsync(3));
        }
        while (cursor is not null);

        var ids = seen.Select(order => order.GetProperty("id").GetGuid()).ToList();
        ids.Count.ShouldBe(1234, "no order twice");
        ids.ShouldBe(existing, ignoreOrder: true);
        ids.ShouldNotContain(id => arrivedDuringTheWalk.Contains(id), "orders newer than the first page come before it, not after");
        var keys = seen.Select(order => (order.GetProperty("created_at").GetDateTime(), order.GetProperty("id").GetGuid())).ToList();
        keys.ShouldBe(keys.OrderByDescending(key => key.Item1).ThenByDescending(key => key.Item2.ToString()).ToList(), "newest first");
    }

    [Fact]
    public async Task Each_filter_narrows_the_list_and_pages_end_with_a_null_cursor()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await OrdersService.StartAsync(api, NoDispatch, time);
        var ids = new List<Guid>();
        var createdAt = new List<string>();
        for (var index = 0; index < 10; index++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            var response = await service.Client.PostAsJsonAsync(
                "/orders",
                new { type = "market", side = index % 2 == 0 ? "buy" : "sell", instrument = index < 3 ? "DE0007164600" : "US0378331005", quantity = 1 },
                TestContext.Current.CancellationToken);
            var order = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
            ids.Add(order.GetProperty("id").GetGuid());
            createdAt.Add(order.GetProperty("created_at").GetString()!);
            if (index == 3)
            {
                await service.DispatchAsync(); // the first four are placed, the rest stay pending
            }
        }

        (await IdsAsync(service, "/orders?status=placed")).ShouldBe(ids[..4].AsEnumerable().Reverse());
        (await IdsAsync(service, "/orders?status=pending")).ShouldBe(ids[4..].AsEnumerable().Reverse());
        (await IdsAsync(service, "/orders?instrument=DE0007164600")).ShouldBe(ids[..3].AsEnumerable().Reverse());
        (await IdsAsync(service, "/orders?side=sell")).ShouldBe(ids.Where((_, index) => index % 2 == 1).Reverse());
        (await IdsAsync(service, $"/orders?created_from={Uri.EscapeDataString(createdAt[2])}&created_to={Uri.EscapeDataString(createdAt[5])}"))
            .ShouldBe(ids[2..5].AsEnumerable().Reverse());
        (await IdsAsync(service, "/orders?status=pending&side=buy")).ShouldBe([ids[8], ids[6], ids[4]]);

        var first = await GetAsync(service, "/orders?limit=6");
        first.GetProperty("items").GetArrayLength().ShouldBe(6);
        var last = await GetAsync(service, $"/orders?limit=6&cursor={first.GetProperty("next_cursor").GetString()}");
        last.GetProperty("items").GetArrayLength().ShouldBe(4);
        last.GetProperty("next_cursor").ValueKind.ShouldBe(JsonValueKind.Null);
        (await GetAsync(service, "/orders")).GetProperty("items").GetArrayLength().ShouldBe(10);
    }

    [Theory]
    [InlineData("status=shipped", "status")]
    [InlineData("status=7", "status")]
    [InlineData("status=1", "status")]
    [InlineData("status=pending,placed", "status")]
    [InlineData("side=up", "side")]
    [InlineData("side=0", "side")]
    [InlineData("side=%201", "side")]
    [InlineData("side=buy,sell", "side")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("instrument=SHORT", "instrument")]
    [InlineData("created_from=yesterday", "created_from")]
    [InlineData("created_from=2026-01-02T00:00:00Z&created_to=2026-01-01T00:00:00Z", "created_to")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task A_bad_filter_value_gets_422_naming_the_parameter(string query, string parameter)
    {
        var response = await api.Client.GetAsync($"/orders?{query}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        problem.GetProperty("errors").TryGetProperty(parameter, out _).ShouldBeTrue(problem.GetRawText());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_header_the_list_and_the_new_fields()
    {
        var document = await api.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var orders = document.GetProperty("paths").GetProperty("/orders");
        orders.GetProperty("post").GetProperty("parameters").EnumerateArray()
            .ShouldContain(parameter => parameter.GetProperty("name").GetString() == "Idempotency-Key" && parameter.GetProperty("in").GetString() == "header");
        orders.GetProperty("get").GetProperty("parameters").EnumerateArray().Select(parameter => parameter.GetProperty("name").GetString())
            .ShouldBe(["limit", "cursor", "status", "instrument", "side", "created_from", "created_to"], ignoreOrder: true);
        var order = document.GetProperty("components").GetProperty("schemas").GetProperty("OrderResponse").GetProperty("properties");
        foreach (var field in new[] { "status", "filled_quantity", "average_price", "placed_at", "exchange_order_id", "failure_reason", "executions", "history" })
        {
            order.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        document.GetProperty("components").GetProperty("schemas").GetProperty("OrdersPage").GetProperty("properties")
            .TryGetProperty("next_cursor", out _).ShouldBeTrue();
    }

    private static async Task<JsonElement> GetAsync(OrdersService service, string path)
    {
        var response = await service.Client.GetAsync(path, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }

    private static async Task<List<Guid>> IdsAsync(OrdersService service, string path) =>
        (await GetAsync(service, path)).GetProperty("items").EnumerateArray().Select(order => order.GetProperty("id").GetGuid()).ToList();
}

public sealed class ListOrdersOnSqliteTests(SqliteOrdersApi api) : ListOrdersTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class ListOrdersOnPostgresTests(PostgresOrdersApi api) : ListOrdersTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class ListOrdersOnSqlServerTests(SqlServerOrdersApi api) : ListOrdersTests(api), IClassFixture<SqlServerOrdersApi>;
