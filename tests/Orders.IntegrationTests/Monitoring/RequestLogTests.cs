using System.Net;
using System.Net.Http.Json;
using Orders.IntegrationTests.Fixtures;
using Serilog.Events;

namespace Orders.IntegrationTests.Monitoring;

/// <summary>What the log says about each request: one line when it completes, naming the order it was about.</summary>
public sealed class RequestLogTests(SqliteOrdersApi api) : IClassFixture<SqliteOrdersApi>
{
    private const string RequestLog = "Serilog.AspNetCore.RequestLoggingMiddleware";

    private static readonly object MarketOrder = new { type = "market", side = "buy", instrument = "US0378331005", quantity = 1 };

    [Fact]
    public async Task Placing_an_order_writes_one_request_line_with_method_path_status_time_and_the_orders_id()
    {
        var logs = new LogRecorder();
        await using var service = await OrdersService.StartAsync(api, new Dictionary<string, string?>(), logs: logs);

        var id = await PlaceOrderAsync(service);

        var line = (await RequestLinesAsync(logs, 1)).ShouldHaveSingleItem();
        line.Level.ShouldBe(LogEventLevel.Information);
        line.Message.ShouldMatch(@"^HTTP POST /orders responded 201 in \d+\.\d{4} ms$");
        line.Property("Elapsed").ShouldBeOfType<double>().ShouldBeGreaterThan(0);
        line.Property("OrderId").ShouldBe(id);
        logs.Lines.ShouldNotContain(
            other => other.Level <= LogEventLevel.Information && (other.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || other.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)),
            "the request line replaces ASP.NET Core's own request lines, and EF Core's commands stay out");
    }

    [Fact]
    public async Task Reading_or_redriving_an_order_names_it_on_the_request_line_whatever_the_answer()
    {
        var logs = new LogRecorder();
        await using var service = await OrdersService.StartAsync(api, new Dictionary<string, string?>(), logs: logs);
        var id = await PlaceOrderAsync(service);
        var unknown = Guid.NewGuid();

        (await service.Client.GetAsync($"/orders/{id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await service.Client.GetAsync($"/orders/{unknown}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await service.Client.PostAsync($"/ops/orders/{id}/redrive", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var lines = (await RequestLinesAsync(logs, 4)).Where(line => (string?)line.Property("RequestPath") != "/orders");
        lines.Select(line => (line.Message[..line.Message.IndexOf(" in ", StringComparison.Ordinal)], line.Property("OrderId"))).ShouldBe(
            [
                ($"HTTP GET /orders/{id} responded 200", id),
                ($"HTTP GET /orders/{unknown} responded 404", unknown),
                ($"HTTP POST /ops/orders/{id}/redrive responded 409", id),
            ],
            ignoreOrder: true);
    }

    [Fact]
    public async Task Health_probes_are_logged_at_debug_so_that_at_the_default_levels_they_leave_no_line()
    {
        var logs = new LogRecorder();
        var settings = new Dictionary<string, string?> { [$"Serilog:MinimumLevel:Override:{RequestLog}"] = "Debug" };
        await using var service = await OrdersService.StartAsync(api, settings, logs: logs);

        (await service.Client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await service.Client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await PlaceOrderAsync(service);

        var lines = await RequestLinesAsync(logs, 3);
        lines.Select(line => (line.Property("RequestPath"), line.Level)).ShouldBe(
            [("/health/live", LogEventLevel.Debug), ("/health/ready", LogEventLevel.Debug), ("/orders", LogEventLevel.Information)],
            ignoreOrder: true);
    }

    private static async Task<Guid> PlaceOrderAsync(OrdersService service)
    {
        var response = await service.Client.PostAsJsonAsync("/orders", MarketOrder, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<CreatedOrder>(TestContext.Current.CancellationToken))!.Id;
    }

    // A request's line is written as it completes, which may be just after its client has the answer.
    private static async Task<List<LogLine>> RequestLinesAsync(LogRecorder logs, int count)
    {
        List<LogLine> lines = [];
        await Eventually.HoldsAsync(
            () => Task.FromResult((lines = [.. logs.Lines.Where(line => line.Category == RequestLog)]).Count >= count),
            TimeSpan.FromSeconds(10),
            $"{count} request lines in:{Environment.NewLine}{string.Join(Environment.NewLine, logs.Lines)}");
        return lines;
    }

    private sealed record CreatedOrder(Guid Id);
}
