using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Persistence;
using Orders.Application.Executions.ApplyExecutionReport;
using Orders.Domain.Orders;
using Orders.Infrastructure.Persistence;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Orders;

/// <summary>
/// An order's executions as the service stores and shows them: applied once each, with the filled quantity and the
/// average price (4 decimal places on every provider) on the order, read back by GET /orders/{id}.
/// </summary>
public abstract class OrderExecutionsTests(OrdersApi api)
{
    // The placement stays pending: the reports alone move the order.
    private static readonly Dictionary<string, string?> NoDispatch = new() { ["Outbox:Dispatch"] = "false" };

    private static readonly DateTime TransactTime = new(2026, 11, 30, 9, 30, 15, 123, 456, DateTimeKind.Utc);

    [Fact]
    public async Task A_new_order_reads_back_with_nothing_filled_no_average_price_and_no_executions()
    {
        var created = await api.PostOrderAsync(new { type = "limit", side = "buy", instrument = "US0378331005", limit_price = 0.01m, quantity = 10 });
        var id = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();

        var order = await GetJsonAsync(api.Client, $"/orders/{id}");

        order.GetProperty("filled_quantity").GetInt32().ShouldBe(0);
        order.GetProperty("average_price").ValueKind.ShouldBe(JsonValueKind.Null);
        order.GetProperty("executions").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Fills_are_stored_once_each_and_read_back_with_the_average_price_to_4_places()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);
        var id = await PlaceAsync(service, quantity: 10);

        (await ApplyAsync(service, Fill(id, "E-1", 1, 10.01m, TransactTime))).ShouldBe(ApplyExecutionReportResponse.Applied);
        (await ApplyAsync(service, Fill(id, "E-2", 2, 10.02m, TransactTime.AddSeconds(1)))).ShouldBe(ApplyExecutionReportResponse.Applied);
        (await ApplyAsync(service, Fill(id, "E-1", 1, 10.01m, TransactTime))).ShouldBe(ApplyExecutionReportResponse.Duplicate);

        var order = await GetJsonAsync(service.Client, $"/orders/{id}");
        order.GetProperty("status").GetString().ShouldBe("partially_filled");
        order.GetProperty("filled_quantity").GetInt32().ShouldBe(3);
        order.GetProperty("average_price").GetDecimal().ShouldBe(10.0167m); // 30.05 / 3, rounded
        order.GetProperty("exchange_order_id").GetString().ShouldBe("EX-1");
        order.GetProperty("placed_at").ValueKind.ShouldBe(JsonValueKind.String, "a fill implies the placement");
        order.GetProperty("executions").EnumerateArray()
            .Select(execution => (execution.GetProperty("id").GetString(), execution.GetProperty("quantity").GetInt32(), execution.GetProperty("price").GetDecimal(), execution.GetProperty("executed_at").GetDateTime().ToUniversalTime()))
            .ShouldBe([("E-1", 1, 10.01m, TransactTime), ("E-2", 2, 10.02m, TransactTime.AddSeconds(1))]);
        order.GetProperty("history").EnumerateArray().Select(change => change.GetProperty("status").GetString())
            .ShouldBe(["pending", "placed", "partially_filled", "partially_filled"]);
        (await IdsAsync(service, "/orders?status=partially_filled")).ShouldBe([id]);
        (await IdsAsync(service, "/orders?status=pending")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_fill_that_would_overfill_the_order_is_parked_and_stores_nothing()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);
        var id = await PlaceAsync(service, quantity: 2);
        await ApplyAsync(service, Fill(id, "E-1", 2, 10m, TransactTime));

        var response = await ApplyAsync(service, Fill(id, "E-2", 1, 10m, TransactTime));

        response.ShouldBe(ApplyExecutionReportResponse.Parked("Overfill: a fill of 1 would make 3 filled of 2"));
        var order = await GetJsonAsync(service.Client, $"/orders/{id}");
        order.GetProperty("status").GetString().ShouldBe("filled");
        order.GetProperty("filled_quantity").GetInt32().ShouldBe(2);
        order.GetProperty("executions").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Orders_loaded_for_a_batch_come_with_their_executions()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);
        var id = await PlaceAsync(service, quantity: 10);
        await ApplyAsync(service, Fill(id, "E-1", 1, 10m, TransactTime));
        await ApplyAsync(service, Fill(id, "E-2", 1, 10m, TransactTime));

        await using var scope = service.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOrderRepository>().LoadAsync([id], TestContext.Current.CancellationToken);

        var dbContext = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        dbContext.ChangeTracker.Entries<OrderExecution>().Select(entry => entry.Entity.ExecutionId).ShouldBe(["E-1", "E-2"], ignoreOrder: true);
    }

    private static async Task<Guid> PlaceAsync(OrdersService service, int quantity)
    {
        var response = await service.Client.PostAsJsonAsync(
            "/orders", new { type = "market", side = "buy", instrument = "US0378331005", quantity }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await ReadJsonAsync(response)).GetProperty("id").GetGuid();
    }

    private static async Task<ApplyExecutionReportResponse> ApplyAsync(OrdersService service, ExecutionReport report)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ApplyExecutionReportCommand(report), TestContext.Current.CancellationToken);
        result.IsSuccess.ShouldBeTrue(string.Join("; ", result.Errors));
        return result.Value;
    }

    private static ExecutionReport Fill(Guid orderId, string executionId, int quantity, decimal price, DateTime at) =>
        new("S-1", 1, executionId, orderId, "EX-1", ExecutionKind.Fill, quantity, price, quantity, 0, price, at, null);

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await ReadJsonAsync(response);
    }

    private static async Task<List<Guid>> IdsAsync(OrdersService service, string path) =>
        (await GetJsonAsync(service.Client, path)).GetProperty("items").EnumerateArray().Select(order => order.GetProperty("id").GetGuid()).ToList();

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
}

public sealed class OrderExecutionsOnSqliteTests(SqliteOrdersApi api) : OrderExecutionsTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class OrderExecutionsOnPostgresTests(PostgresOrdersApi api) : OrderExecutionsTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class OrderExecutionsOnSqlServerTests(SqlServerOrdersApi api) : OrderExecutionsTests(api), IClassFixture<SqlServerOrdersApi>;
