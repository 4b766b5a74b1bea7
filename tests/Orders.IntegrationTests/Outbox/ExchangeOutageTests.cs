using Microsoft.Extensions.Time.Testing;
using Orders.Domain.Orders;
using Orders.IntegrationTests.Fixtures;
using Serilog.Events;

namespace Orders.IntegrationTests.Outbox;

/// <summary>
/// An exchange outage as a production instance lives through it: the relay, the Http adapter and its circuit
/// breaker against the standalone exchange, with the shipped backoff and deadline. The test's clock drives the relay's
/// due times and the breaker alike, and the dispatcher runs once a second of it, as its job would.
/// </summary>
public abstract class ExchangeOutageTests(OrdersApi api)
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task An_outage_longer_than_the_old_budget_of_ten_attempts_fails_no_order_and_only_calls_that_reached_the_exchange_count()
    {
        await using var exchange = new StandaloneExchange(("FailureRate", "1.0"), ("Latency", "00:00:00"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new LogRecorder();
        await using var service = await OrdersService.StartAsync(api, Settings(exchange), time, logs);
        var ids = await service.PlaceOrdersAsync(20);
        var outage = TimeSpan.FromMinutes(15);

        await DispatchEveryTickAsync(service, time, outage);

        (await service.StatusesAsync(ids)).ShouldAllBe(status => status == OrderStatus.Pending, "an outage fails no order before its deadline");
        var outbox = await service.OutboxAsync();
        outbox.ShouldAllBe(message => message.DeadLetteredAt == null);
        var report = await exchange.PlacementsAsync();
        outbox.Sum(message => message.Attempts).ShouldBe(report.GetProperty("failed_calls").GetInt32(), "an attempt is a call the exchange received");
        var warnings = OwnLines(logs).Where(line => line.Level >= LogEventLevel.Warning).ToList();
        warnings.Count.ShouldBeLessThanOrEqualTo(1 + (int)outage.TotalMinutes, "opened, then still open at most once a minute");
    }

    [Fact]
    public async Task After_a_30_second_outage_every_pending_order_is_placed_within_seconds_and_once()
    {
        await using var exchange = new StandaloneExchange(("FailureRate", "1.0"), ("Latency", "00:00:00"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await OrdersService.StartAsync(api, Settings(exchange), time);
        var ids = await service.PlaceOrdersAsync(20);
        await DispatchEveryTickAsync(service, time, TimeSpan.FromSeconds(30));

        exchange.Set("FailureRate", "0");
        var recovery = TimeSpan.Zero;
        while (true)
        {
            await service.DispatchAsync();
            if ((await service.StatusesAsync(ids)).All(status => status == OrderStatus.Placed))
            {
                break;
            }

            time.Advance(Tick);
            recovery += Tick;
            recovery.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(15), "every order placed within seconds of the exchange's return");
        }

        var placements = (await exchange.PlacementsAsync()).GetProperty("placements").EnumerateArray().ToList();
        placements.Select(placement => placement.GetProperty("client_order_id").GetGuid()).ShouldBe(ids, ignoreOrder: true);
        placements.ShouldAllBe(placement => placement.GetProperty("requests").GetInt32() == 1);
        await service.ShouldBeDrainedAsync(time.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task A_30_second_outage_is_logged_as_the_circuit_opening_and_closing_not_as_a_line_per_order_and_try()
    {
        await using var exchange = new StandaloneExchange(("FailureRate", "1.0"), ("Latency", "00:00:00"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new LogRecorder();
        await using var service = await OrdersService.StartAsync(api, Settings(exchange), time, logs);
        await service.PlaceOrdersAsync(20);
        var before = OwnLines(logs).Count;

        await DispatchEveryTickAsync(service, time, TimeSpan.FromSeconds(30));
        exchange.Set("FailureRate", "0");
        await DispatchEveryTickAsync(service, time, TimeSpan.FromSeconds(30));

        var lines = OwnLines(logs).Skip(before).ToList();
        lines.Count.ShouldBeLessThanOrEqualTo(2, string.Join(Environment.NewLine, lines.Take(10)));
        lines.ShouldContain(line => line.Level == LogEventLevel.Warning && line.Message.Contains("opened"));
        lines.ShouldContain(line => line.Level == LogEventLevel.Information && line.Message.Contains("closed"));
    }

    [Fact]
    public async Task A_placement_whose_reply_was_lost_is_resolved_by_an_order_status_request_and_never_sent_twice()
    {
        // Every placement lands and its reply is lost: the next attempt asks the exchange what it holds instead.
        await using var exchange = new StandaloneExchange(("LostReplyRate", "1.0"), ("Latency", "00:00:00"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await OrdersService.StartAsync(api, Settings(exchange), time);
        var ids = await service.PlaceOrdersAsync(5);
        await service.DispatchAsync();
        (await service.StatusesAsync(ids)).ShouldAllBe(status => status == OrderStatus.Pending, "no reply came");

        await DispatchEveryTickAsync(service, time, TimeSpan.FromSeconds(30));

        (await service.StatusesAsync(ids)).ShouldAllBe(status => status == OrderStatus.Placed);
        var placements = (await exchange.PlacementsAsync()).GetProperty("placements").EnumerateArray().ToList();
        placements.ShouldAllBe(placement => placement.GetProperty("requests").GetInt32() == 1, "placed once, then asked about, not placed again");
        var orders = (await service.OrdersAsync()).ToDictionary(order => order.Id);
        placements.ShouldAllBe(placement =>
            orders[placement.GetProperty("client_order_id").GetGuid()].ExchangeOrderId == placement.GetProperty("exchange_order_id").GetString());
        await service.ShouldBeDrainedAsync(time.GetUtcNow().UtcDateTime);
    }

    private static Dictionary<string, string?> Settings(StandaloneExchange exchange) => new(exchange.ServiceSettings)
    {
        // Run by hand, a tick at a time; within a run, look again soon while calls are in flight.
        ["Outbox:Dispatch"] = "false",
        ["Outbox:PollInterval"] = "00:00:00.01",

        // The exchange's calls are the placements' alone: no fetching of missed reports.
        ["Executions:Reconcile"] = "false",
    };

    /// <summary>What the service itself logged at Information and above, as an operator reads it.</summary>
    private static List<LogLine> OwnLines(LogRecorder logs) =>
        [.. logs.Lines.Where(line => line.Category.StartsWith("Orders.", StringComparison.Ordinal) && line.Level >= LogEventLevel.Information)];

    private static async Task DispatchEveryTickAsync(OrdersService service, FakeTimeProvider time, TimeSpan duration)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += Tick)
        {
            await service.DispatchAsync();
            time.Advance(Tick);
        }
    }
}

public sealed class ExchangeOutageOnSqliteTests(SqliteOrdersApi api) : ExchangeOutageTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class ExchangeOutageOnPostgresTests(PostgresOrdersApi api) : ExchangeOutageTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class ExchangeOutageOnSqlServerTests(SqlServerOrdersApi api) : ExchangeOutageTests(api), IClassFixture<SqlServerOrdersApi>;
