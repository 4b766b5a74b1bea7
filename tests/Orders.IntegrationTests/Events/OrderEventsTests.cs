using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orders.Domain.Orders;
using Orders.Infrastructure.Events;
using Orders.Infrastructure.Persistence;
using Orders.IntegrationTests.Fixtures;
using Orders.IntegrationTests.Outbox;

namespace Orders.IntegrationTests.Events;

/// <summary>
/// GET /orders/events: each change of an order is an event with the order as GET /orders/{id} answered right after
/// it, from a log written in the change's transaction; a client that reconnects with Last-Event-ID gets every later
/// event once, whatever order concurrent writers commit in.
/// </summary>
public abstract class OrderEventsTests(OrdersApi api)
{
    [Fact]
    public async Task A_new_order_and_its_placement_are_events_holding_the_order_as_GET_answers_it()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        await using var stream = await OrderEventsClient.OpenAsync(service.Client);

        var id = (await service.PlaceOrdersAsync(1)).Single();
        var accepted = (await stream.WaitForAsync(1)).Single();
        var pending = await GetOrderTextAsync(service, id);
        await service.DispatchAsync();
        var placed = (await stream.WaitForAsync(2))[1];

        accepted.Type.ShouldBe("order");
        accepted.Data.ShouldBe(pending);
        JsonDocument.Parse(pending).RootElement.GetProperty("status").GetString().ShouldBe("pending");
        placed.Type.ShouldBe("order");
        placed.Data.ShouldBe(await GetOrderTextAsync(service, id));
        JsonDocument.Parse(placed.Data).RootElement.GetProperty("status").GetString().ShouldBe("placed");
        placed.Place.ShouldBeGreaterThan(accepted.Place);
    }

    [Fact]
    public async Task With_order_id_the_stream_holds_only_that_orders_events()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        var ids = await service.PlaceOrdersAsync(2, parallelism: 1);
        await service.DispatchAsync();
        await using var stream = await OrderEventsClient.OpenAsync(service.Client, $"?order_id={ids[0]}", lastEventId: "0-0");

        var received = await stream.WaitForAsync(2);

        // The other order's acceptance lies between these two in the log.
        received.Select(OrderIdOf).ShouldBe([ids[0], ids[0]]);
        received.Select(StatusOf).ShouldBe(["pending", "placed"]);
    }

    [Fact]
    public async Task Reconnecting_with_Last_Event_ID_gets_every_later_event_once_then_the_new_ones()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        await using var first = await OrderEventsClient.OpenAsync(service.Client);
        await service.PlaceOrdersAsync(5, parallelism: 1);
        var before = await first.WaitForAsync(5);

        await using var resumed = await OrderEventsClient.OpenAsync(service.Client, lastEventId: before[1].Id);
        await using var fromTheStart = await OrderEventsClient.OpenAsync(service.Client, lastEventId: "0-0");
        var late = (await service.PlaceOrdersAsync(1)).Single();

        var all = await first.WaitForAsync(6);
        all.Count.ShouldBe(6);
        (await resumed.WaitForAsync(4)).ShouldBe(all.Skip(2));
        (await fromTheStart.WaitForAsync(6)).ShouldBe(all);
        OrderIdOf(all[5]).ShouldBe(late);
    }

    [Theory]
    [InlineData("", "Last-Event-ID", "abc")]
    [InlineData("", "Last-Event-ID", "12")]
    [InlineData("", "Last-Event-ID", "1-2-3")]
    [InlineData("", "Last-Event-ID", "-1-2")]
    [InlineData("", "Last-Event-ID", "1-99999999999999999999")]
    [InlineData("?order_id=not-an-id", "order_id", null)]
    public async Task A_bad_Last_Event_ID_or_order_id_gets_422_naming_it(string query, string field, string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/orders/events{query}");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        // Headers only: a stream answered by mistake fails here instead of never ending.
        using var response = await api.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.GetRawText());
    }

    [Fact]
    public async Task A_quiet_stream_sends_a_comment_at_once_and_each_heartbeat_interval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = DispatchSettings.Manual();
        settings["Events:HeartbeatInterval"] = "00:00:15";
        await using var service = await OrdersService.StartAsync(api, settings, time);
        using var response = await service.Client.GetAsync("/orders/events", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));

        (await ReadLineAsync(lines)).ShouldBe(": heartbeat");
        (await ReadLineAsync(lines)).ShouldBe("");
        time.Advance(TimeSpan.FromSeconds(15));
        (await ReadLineAsync(lines)).ShouldBe(": heartbeat");
    }

    [Fact]
    public async Task The_stream_ends_when_the_host_stops()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        await using var stream = await OrderEventsClient.OpenAsync(service.Client);

        service.Factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        await Eventually.HoldsAsync(() => Task.FromResult(stream.Ended), TimeSpan.FromSeconds(10), "the stream has ended");
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_get_every_event_once_in_log_order()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Scheduled(failureRate: 0));
        await using var following = await OrderEventsClient.OpenAsync(service.Client);

        var writing = service.PlaceOrdersAsync(200, parallelism: 16);
        var middle = (await following.WaitForAsync(100))[99];
        await using var resumed = await OrderEventsClient.OpenAsync(service.Client, lastEventId: middle.Id);
        var ids = await writing;
        await Eventually.HoldsAsync(
            async () => (await service.StatusesAsync(ids)).All(status => status == OrderStatus.Placed), TimeSpan.FromSeconds(60), "all placed");

        var log = await service.QueryAsync(db => db.Set<OrderEvent>().AsNoTracking().Select(orderEvent => orderEvent.Position).ToListAsync());
        log.Count.ShouldBe(400, "a pending and a placed event per order");
        var all = await following.WaitForAsync(400);
        all.Select(received => received.Place.Position).ShouldBe(log, ignoreOrder: true);
        all.Select(received => received.Place).ShouldBe(all.Select(received => received.Place).Order(), "in log order");
        all.Select(received => received.Id).Distinct().Count().ShouldBe(400, "none twice");
        var rest = all.SkipWhile(received => received.Id != middle.Id).Skip(1).ToList();
        (await resumed.WaitForAsync(rest.Count)).ShouldBe(rest);
        all.Select(OrderIdOf).Distinct().ShouldBe(ids, ignoreOrder: true);
    }

    [Fact]
    public async Task Events_older_than_the_retention_are_purged()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual(), time);
        await service.PlaceOrdersAsync(2);
        time.Advance(TimeSpan.FromHours(23));
        await service.PlaceOrdersAsync(1);

        async Task<int> PurgeAsync()
        {
            await using var scope = service.Factory.Services.CreateAsyncScope();
            return await ActivatorUtilities.CreateInstance<PurgeOrderEventsJob>(scope.ServiceProvider).PurgeAsync(TimeSpan.FromDays(1), 1, CancellationToken.None);
        }

        (await PurgeAsync()).ShouldBe(0);
        time.Advance(TimeSpan.FromHours(2));
        (await PurgeAsync()).ShouldBe(2);
        (await service.QueryAsync(db => db.Set<OrderEvent>().CountAsync())).ShouldBe(1);
        (await service.OrdersAsync()).Count.ShouldBe(3, "orders are kept; only their old events go");
    }

    private static async Task<string> GetOrderTextAsync(OrdersService service, Guid id)
    {
        var response = await service.Client.GetAsync($"/orders/{id}", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static Guid OrderIdOf(ReceivedEvent received) => JsonDocument.Parse(received.Data).RootElement.GetProperty("id").GetGuid();

    private static string StatusOf(ReceivedEvent received) => JsonDocument.Parse(received.Data).RootElement.GetProperty("status").GetString()!;

    private static async Task<string?> ReadLineAsync(StreamReader lines)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await lines.ReadLineAsync(timeout.Token);
    }
}

public sealed class OrderEventsOnSqliteTests(SqliteOrdersApi api) : OrderEventsTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class OrderEventsOnPostgresTests(PostgresOrdersApi api) : OrderEventsTests(api), IClassFixture<PostgresOrdersApi>
{
    /// <summary>
    /// The trap of reading by position, forced: a transaction holds a lower position open while another writes a higher
    /// one and commits, and a reader gets that one. The first commits afterwards: it must still be delivered.
    /// </summary>
    [Fact]
    public async Task An_event_that_commits_below_one_already_delivered_is_delivered_too()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
        await using var stream = await OrderEventsClient.OpenAsync(service.Client);
        await using var quick = await OpenTransactionAsync(service);
        await using var slow = await OpenTransactionAsync(service);

        await quick.ExecuteAsync("SELECT pg_current_xact_id()"); // the older transaction of the two
        var lower = await slow.InsertEventAsync("slow");
        var higher = await quick.InsertEventAsync("quick");
        await quick.Transaction.CommitAsync(TestContext.Current.CancellationToken);
        (await stream.WaitForAsync(1)).Single().Data.ShouldBe(Marker("quick"));
        await slow.Transaction.CommitAsync(TestContext.Current.CancellationToken);
        var order = (await service.PlaceOrdersAsync(1)).Single();

        higher.ShouldBeGreaterThan(lower);
        var received = await stream.WaitForAsync(3);
        received.Take(2).Select(received => received.Data).ShouldBe([Marker("quick"), Marker("slow")]);
        JsonDocument.Parse(received[2].Data).RootElement.GetProperty("id").GetGuid().ShouldBe(order);
    }

    private static string Marker(string name) => $$"""{"marker":"{{name}}"}""";

    private static async Task<OpenTransaction> OpenTransactionAsync(OrdersService service)
    {
        var connection = new NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return new OpenTransaction(connection, await connection.BeginTransactionAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A transaction of the test's own, beside the service's, open until the test commits it.</summary>
    private sealed record OpenTransaction(NpgsqlConnection Connection, NpgsqlTransaction Transaction) : IAsyncDisposable
    {
        public async Task ExecuteAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, Connection, Transaction);
            await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        }

        /// <summary>Writes an event as the service does, with a marker for data; returns its position.</summary>
        public async Task<long> InsertEventAsync(string marker)
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO order_events (order_id, occurred_at, data) VALUES (gen_random_uuid(), now(), @data) RETURNING position", Connection, Transaction);
            command.Parameters.AddWithValue("data", Marker(marker));
            return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }

        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}

[Trait("Database", "SqlServer")]
public sealed class OrderEventsOnSqlServerTests(SqlServerOrdersApi api) : OrderEventsTests(api), IClassFixture<SqlServerOrdersApi>;
