using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orders.Domain.Orders;
using Orders.Infrastructure.Outbox;
using Orders.Infrastructure.Outbox.Relay;
using Orders.IntegrationTests.Infrastructure;

namespace Orders.IntegrationTests.Outbox;

/// <summary>
/// The promise behind every 201: the order reaches the exchange, once, however the exchange behaves and
/// whatever happens to a dispatcher. Each test runs a service of its own on a database of its own.
/// </summary>
public abstract class OutboxDispatchTests(OrdersApi api)
{
    /// <summary>The dispatcher is run by hand (no Quartz trigger), on a fast exchange.</summary>
    private static Dictionary<string, string?> ManualDispatch(double failureRate = 0, string latency = "00:00:00") => new()
    {
        ["Outbox:Dispatch"] = "false",
        ["Exchange:Latency"] = latency,
        ["Exchange:FailureRate"] = failureRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The dispatcher runs as in production (Quartz, woken by each commit), with short backoffs.</summary>
    private static Dictionary<string, string?> ScheduledDispatch(double failureRate) => new()
    {
        ["Exchange:Latency"] = "00:00:00.005",
        ["Exchange:FailureRate"] = failureRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Outbox:PollInterval"] = "00:00:00.1",
        ["Outbox:BaseBackoff"] = "00:00:00.02",
        ["Outbox:MaxBackoff"] = "00:00:00.1",
    };

    [Fact]
    public async Task With_half_of_the_exchange_calls_failing_every_order_is_placed_exactly_once()
    {
        await using var service = await OrdersService.StartAsync(api, ScheduledDispatch(failureRate: 0.5));

        var ids = await service.PlaceOrdersAsync(40);

        await Eventually.HoldsAsync(
            async () => (await service.StatusesAsync(ids)).All(status => status == OrderStatus.Placed), TimeSpan.FromSeconds(60), "all orders placed");
        service.Exchange.FailedCalls.ShouldBeGreaterThan(0);
        ids.ShouldAllBe(id => service.Exchange.Placements[id].Requests == 1);
        await service.ShouldBeDrainedAsync(DateTime.UtcNow);
    }

    [Fact]
    public async Task Failed_attempts_back_off_exponentially_with_jitter_up_to_the_cap_and_the_order_fails_at_the_first_failure_past_the_deadline()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var settings = ManualDispatch(failureRate: 1.0);
        settings["Outbox:BaseBackoff"] = "00:00:10";
        settings["Outbox:MaxBackoff"] = "00:00:30";
        settings["Outbox:GiveUpAfter"] = "00:02:00";
        await using var service = await OrdersService.StartAsync(api, settings, time);
        var id = (await service.PlaceOrdersAsync(1)).Single();
        var deadline = (await service.OutboxAsync()).Single().OccurredAt.AddMinutes(2);

        var attempt = 0;
        while (time.GetUtcNow().UtcDateTime < deadline)
        {
            attempt++;
            (await service.DispatchAsync()).ShouldBe(1);
            var row = (await service.OutboxAsync()).Single();
            row.DeadLetteredAt.ShouldBeNull($"attempt {attempt} failed before the deadline");
            row.Attempts.ShouldBe(attempt);
            row.LastError.ShouldBe("connection not available");
            var fullDelay = Math.Min(10.0 * Math.Pow(2, attempt - 1), 30.0);
            var wait = (row.NextAttemptAt - time.GetUtcNow().UtcDateTime).TotalSeconds;
            wait.ShouldBeInRange((fullDelay / 2) - 0.001, fullDelay + 0.001, $"attempt {attempt}: half fixed, half jitter");

            (await service.DispatchAsync()).ShouldBe(0, "not due before its backoff has passed");
            time.Advance(TimeSpan.FromSeconds(wait + 0.001));
        }

        (await service.DispatchAsync()).ShouldBe(1);
        var deadLetter = (await service.OutboxAsync()).Single();
        deadLetter.DeadLetteredAt.ShouldNotBeNull();
        deadLetter.Attempts.ShouldBe(attempt + 1);
        var order = await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", TestContext.Current.CancellationToken);
        order.GetProperty("status").GetString().ShouldBe("failed");
        order.GetProperty("failure_reason").GetString()!.ShouldContain("00:02:00");
        order.GetProperty("history").EnumerateArray().Select(change => change.GetProperty("status").GetString()).ShouldBe(["pending", "failed"]);
        time.Advance(TimeSpan.FromHours(1));
        (await service.DispatchAsync()).ShouldBe(0, "a dead letter is never retried by itself");
        await service.ShouldBeDrainedAsync(time.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task An_operator_can_redrive_a_failed_order_which_then_has_a_new_deadline_and_is_placed_once()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var settings = ManualDispatch(failureRate: 1.0);
        settings["Outbox:GiveUpAfter"] = "00:01:00";
        await using var service = await OrdersService.StartAsync(api, settings, time);
        var id = (await service.PlaceOrdersAsync(1)).Single();
        (await service.Client.PostAsync($"/ops/orders/{id}/redrive", null, TestContext.Current.CancellationToken))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict, "a pending order is not re-driven");
        time.Advance(TimeSpan.FromMinutes(2));
        await service.DispatchAsync();
        (await service.StatusesAsync([id])).ShouldBe([OrderStatus.Failed]);

        var redrive = await service.Client.PostAsync($"/ops/orders/{id}/redrive", null, TestContext.Current.CancellationToken);
        redrive.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await service.DispatchAsync()).ShouldBe(1);
        (await service.StatusesAsync([id])).ShouldBe([OrderStatus.Pending], "its first attempt since the re-drive failed, well inside the new deadline");

        service.Exchange.FailureRate = 0;
        time.Advance(TimeSpan.FromMinutes(1));
        await service.DispatchAsync();

        var order = await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", TestContext.Current.CancellationToken);
        order.GetProperty("status").GetString().ShouldBe("placed");
        order.GetProperty("failure_reason").ValueKind.ShouldBe(JsonValueKind.Null);
        order.GetProperty("history").EnumerateArray().Select(change => change.GetProperty("status").GetString())
            .ShouldBe(["pending", "failed", "pending", "placed"]);
        service.Exchange.Placements[id].Requests.ShouldBe(1);
        (await service.OutboxAsync()).Count(message => message.DeadLetteredAt != null).ShouldBe(1, "the dead letter stays, for the record");
        (await service.Client.PostAsync($"/ops/orders/{Guid.NewGuid()}/redrive", null, TestContext.Current.CancellationToken))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await service.ShouldBeDrainedAsync(time.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task A_configured_attempt_limit_stops_the_start_instead_of_being_silently_ignored()
    {
        await using var factory = api.CreateFactory(await api.CreateDatabaseAsync(), new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "10" });

        var refused = Should.Throw<InvalidOperationException>(() => factory.CreateClient());

        refused.Message.ShouldContain("Outbox:GiveUpAfter");
    }

    [Fact]
    public async Task While_the_exchange_is_down_orders_are_accepted_and_stay_pending_then_get_placed_when_it_returns()
    {
        // How fast POST answers while the exchange is down is measured in bench/, not here.
        await using var service = await OrdersService.StartAsync(api, ScheduledDispatch(failureRate: 1.0));

        var ids = await service.PlaceOrdersAsync(20);

        await Eventually.HoldsAsync(async () => service.Exchange.FailedCalls >= 40, TimeSpan.FromSeconds(30), "the exchange was tried again and again");
        (await service.StatusesAsync(ids)).ShouldAllBe(status => status == OrderStatus.Pending);

        service.Exchange.FailureRate = 0;
        await Eventually.HoldsAsync(
            async () => (await service.StatusesAsync(ids)).All(status => status == OrderStatus.Placed), TimeSpan.FromSeconds(60), "all placed after recovery");
        ids.ShouldAllBe(id => service.Exchange.Placements[id].Requests == 1);
        await service.ShouldBeDrainedAsync(DateTime.UtcNow);
    }

    [Fact]
    public async Task Rows_claimed_by_a_dispatcher_that_died_are_placed_once_by_another_after_the_lease_expires()
    {
        await using var service = await OrdersService.StartAsync(api, ManualDispatch());
        var ids = await service.PlaceOrdersAsync(5);
        IReadOnlyList<ClaimedOutboxMessage> abandoned;
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            abandoned = await scope.ServiceProvider.GetRequiredService<OutboxClaims>().ClaimAsync(10, TimeSpan.FromMinutes(5), CancellationToken.None);
        }

        abandoned.Count.ShouldBe(5);
        (await service.DispatchAsync()).ShouldBe(0, "a live lease keeps other dispatchers away");

        await service.ExpireLeasesAsync();
        (await service.DispatchAsync()).ShouldBe(5);

        (await service.StatusesAsync(ids)).ShouldAllBe(status => status == OrderStatus.Placed);
        ids.ShouldAllBe(id => service.Exchange.Placements[id].Requests == 1);

        // The dead dispatcher comes back and reports a failure on its stale claim: nothing changes.
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var writer = scope.ServiceProvider.GetRequiredService<OutcomeWriter>();
            (await writer.RecordAsync([new DispatchOutcome.Retry(abandoned[0], "late report", TimeSpan.FromMinutes(1))])).ShouldBeEmpty();
        }

        (await service.OutboxAsync()).ShouldAllBe(message => message.ProcessedAt != null && message.LastError == null);
        await service.ShouldBeDrainedAsync(DateTime.UtcNow);
    }

    [Fact]
    public async Task A_malformed_outbox_row_is_dead_lettered_at_once_and_the_rows_behind_it_are_still_placed()
    {
        var settings = ManualDispatch();
        settings["Outbox:BatchSize"] = "1";
        settings["Outbox:MaxConcurrency"] = "1";
        await using var service = await OrdersService.StartAsync(api, settings);
        var early = DateTime.UnixEpoch.AddSeconds(Math.Floor((DateTime.UtcNow.AddMinutes(-1) - DateTime.UnixEpoch).TotalSeconds));
        await service.QueryAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage { Id = Guid.NewGuid(), Type = "order-cancelled.v9", Payload = "{}", OccurredAt = early, NextAttemptAt = early });
            db.OutboxMessages.Add(new OutboxMessage { Id = Guid.NewGuid(), Type = OutboxEventTypes.OrderAccepted, Payload = "{not json", OccurredAt = early, NextAttemptAt = early });
            db.OutboxMessages.Add(new OutboxMessage { Id = Guid.NewGuid(), Type = OutboxEventTypes.OrderAccepted, Payload = "{\"orderId\":\"" + Guid.NewGuid() + "\"}", OccurredAt = early, NextAttemptAt = early });
            return await db.SaveChangesAsync();
        });
        var ids = await service.PlaceOrdersAsync(3);

        await service.DispatchAsync();

        var outbox = await service.OutboxAsync();
        var poison = outbox.Where(message => message.OccurredAt == early).ToList();
        poison.ShouldAllBe(message => message.DeadLetteredAt != null && message.Attempts == 1);
        poison.Select(message => message.LastError).ShouldContain(error => error!.StartsWith("Unknown message type"));
        poison.Count(message => message.LastError!.StartsWith("Unreadable payload")).ShouldBe(2);
        (await service.StatusesAsync(ids)).ShouldAllBe(status => status == OrderStatus.Placed);
        var report = await service.Client.GetFromJsonAsync<JsonElement>("/ops/jobs", TestContext.Current.CancellationToken);
        report.GetProperty("outbox").GetProperty("dead_letters").GetInt32().ShouldBe(3);
        await service.ShouldBeDrainedAsync(DateTime.UtcNow);
    }

    [Fact]
    public async Task An_outcome_the_database_refuses_does_not_hold_back_the_outcomes_recorded_with_it()
    {
        // Outcomes are recorded in batches; calls that finish together share one.
        await using var service = await OrdersService.StartAsync(api, ManualDispatch(latency: "00:00:00.05"));
        var ids = await service.PlaceOrdersAsync(20);
        var refused = ids[10];
        var refuseUpdates = api.Provider == "Postgres"
            ? $"""
               CREATE FUNCTION refuse_order() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'order refused'; END $$ LANGUAGE plpgsql;
               CREATE TRIGGER refuse_order BEFORE UPDATE ON orders FOR EACH ROW WHEN (OLD.id = '{refused}') EXECUTE FUNCTION refuse_order();
               """
            : $"CREATE TRIGGER refuse_order BEFORE UPDATE ON orders WHEN OLD.id = '{refused.ToString().ToUpperInvariant()}' BEGIN SELECT RAISE(ABORT, 'order refused'); END;";
        var acceptUpdates = api.Provider == "Postgres" ? "DROP TRIGGER refuse_order ON orders" : "DROP TRIGGER refuse_order";
        await service.QueryAsync(db => db.Database.ExecuteSqlRawAsync(refuseUpdates));

        (await service.DispatchAsync()).ShouldBe(20);

        (await service.StatusesAsync(ids.Where(id => id != refused))).ShouldAllBe(status => status == OrderStatus.Placed);
        (await service.StatusesAsync([refused])).ShouldBe([OrderStatus.Pending]);

        // Its claim was never released: once the database takes it and the lease runs out, it is placed.
        await service.QueryAsync(db => db.Database.ExecuteSqlRawAsync(acceptUpdates));
        await service.ExpireLeasesAsync();
        (await service.DispatchAsync()).ShouldBe(1);
        (await service.StatusesAsync([refused])).ShouldBe([OrderStatus.Placed]);
        await service.ShouldBeDrainedAsync(DateTime.UtcNow);
    }

    [Fact]
    public async Task On_shutdown_a_dispatcher_stops_claiming_and_finishes_the_calls_in_flight()
    {
        await using var service = await OrdersService.StartAsync(api, ManualDispatch(latency: "00:00:00.5"));
        var ids = await service.PlaceOrdersAsync(10);
        using var shutdown = new CancellationTokenSource();

        var run = service.StartDispatcherAsync(shutdown.Token);
        await Eventually.HoldsAsync(
            async () => (await service.OutboxAsync()).Count(message => message.LockToken != null) == 10, TimeSpan.FromSeconds(10), "all claimed");
        await shutdown.CancelAsync();
        var late = await service.PlaceOrdersAsync(3);
        await run;

        (await service.StatusesAsync(ids)).ShouldAllBe(status => status == OrderStatus.Placed);
        (await service.StatusesAsync(late)).ShouldAllBe(status => status == OrderStatus.Pending);
        (await service.OutboxAsync()).ShouldAllBe(message => message.LockToken == null);
    }

    [Fact]
    public async Task Processed_rows_are_purged_after_the_retention_period_and_pending_rows_never()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var settings = ManualDispatch();
        settings["Outbox:Retention"] = "1.00:00:00";
        await using var service = await OrdersService.StartAsync(api, settings, time);
        await service.PlaceOrdersAsync(2);
        await service.DispatchAsync();
        await service.PlaceOrdersAsync(1);

        async Task<int> PurgeAsync()
        {
            await using var scope = service.Factory.Services.CreateAsyncScope();
            return await ActivatorUtilities.CreateInstance<PurgeProcessedOutboxJob>(scope.ServiceProvider).PurgeAsync(TimeSpan.FromDays(1), 1, CancellationToken.None);
        }

        time.Advance(TimeSpan.FromHours(23));
        (await PurgeAsync()).ShouldBe(0);
        time.Advance(TimeSpan.FromHours(2));
        (await PurgeAsync()).ShouldBe(2);
        (await service.OutboxAsync()).ShouldHaveSingleItem().ProcessedAt.ShouldBeNull();
        (await service.OrdersAsync()).Count.ShouldBe(3, "orders are kept; only their dispatched outbox rows go");
    }

    [Fact]
    public async Task The_jobs_and_the_outbox_can_be_watched_and_readiness_fails_when_orders_wait_too_long()
    {
        await using var healthy = await OrdersService.StartAsync(api, ScheduledDispatch(failureRate: 0));
        await healthy.PlaceOrdersAsync(3);

        await Eventually.HoldsAsync(
            async () => (await healthy.Client.GetFromJsonAsync<JsonElement>("/ops/jobs")).GetProperty("jobs").EnumerateArray()
                .Any(job => job.GetProperty("name").GetString() == "process-outbox" && job.GetProperty("runs").GetInt64() > 0),
            TimeSpan.FromSeconds(30),
            "the dispatcher job has run");
        var report = await healthy.Client.GetFromJsonAsync<JsonElement>("/ops/jobs", TestContext.Current.CancellationToken);
        var jobs = report.GetProperty("jobs").EnumerateArray().ToDictionary(job => job.GetProperty("name").GetString()!);
        jobs.Keys.ShouldBe(["process-outbox", "purge-processed-outbox", "purge-expired-idempotency-keys"], ignoreOrder: true);
        jobs["process-outbox"].GetProperty("next_fire_time").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddSeconds(-5));
        jobs["process-outbox"].GetProperty("last_run_outcome").GetString().ShouldNotBeNullOrEmpty();
        report.GetProperty("outbox").GetProperty("dead_letters").GetInt32().ShouldBe(0);
        (await healthy.Client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await healthy.Client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var settings = ScheduledDispatch(failureRate: 1.0);
        settings["Outbox:MaxPendingAge"] = "00:00:00.2";
        await using var stuck = await OrdersService.StartAsync(api, settings);
        await stuck.PlaceOrdersAsync(1);
        await Eventually.HoldsAsync(
            async () => (await stuck.Client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(10),
            "readiness reports the stuck outbox");
        var ready = await stuck.Client.GetFromJsonAsync<JsonElement>("/ops/jobs", TestContext.Current.CancellationToken);
        ready.GetProperty("outbox").GetProperty("pending").GetInt32().ShouldBe(1);
        ready.GetProperty("outbox").GetProperty("oldest_pending_age_seconds").GetDouble().ShouldBeGreaterThan(0.2);
    }
}

public sealed class OutboxDispatchOnSqliteTests(SqliteOrdersApi api) : OutboxDispatchTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class OutboxDispatchOnPostgresTests(PostgresOrdersApi api) : OutboxDispatchTests(api), IClassFixture<PostgresOrdersApi>
{
    private readonly PostgresOrdersApi _api = api;

    [Fact]
    public async Task Instances_whose_clocks_are_five_minutes_apart_still_place_each_order_exactly_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Outbox:Dispatch"] = "false",
            ["Exchange:Latency"] = "00:00:00.01",
            ["Exchange:FailureRate"] = "0.2",
            ["Outbox:LeaseDuration"] = "00:00:30",
            ["Outbox:BaseBackoff"] = "00:00:00.01",
            ["Outbox:MaxBackoff"] = "00:00:00.05",
        };
        var database = await _api.CreateDatabaseAsync();
        await using var ahead = await OrdersService.StartOnAsync(_api, database, settings, new SkewedTimeProvider(TimeSpan.FromMinutes(5)));
        await using var behind = await OrdersService.StartOnAsync(_api, database, settings, new SkewedTimeProvider(TimeSpan.FromMinutes(-5)));
        var ids = (await behind.PlaceOrdersAsync(150)).Concat(await ahead.PlaceOrdersAsync(150)).ToArray();

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await ahead.StatusesAsync(ids)).Any(status => status != OrderStatus.Placed))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "all orders placed in time");
            await Task.WhenAll(ahead.DispatchAsync(), ahead.DispatchAsync(), behind.DispatchAsync(), behind.DispatchAsync());
        }

        // Each instance has its own simulated exchange: together they saw each order placed once.
        var placements = ahead.Exchange.Placements.Concat(behind.Exchange.Placements).ToList();
        placements.Select(placement => placement.Key).ShouldBe(ids, ignoreOrder: true);
        placements.ShouldAllBe(placement => placement.Value.Requests == 1);
    }

    [Fact]
    public async Task No_database_transaction_is_open_while_exchange_calls_are_in_flight()
    {
        await using var service = await OrdersService.StartAsync(_api, new Dictionary<string, string?>
        {
            ["Outbox:Dispatch"] = "false",
            ["Exchange:Latency"] = "00:00:01",
            ["Exchange:FailureRate"] = "0",
        });
        var ids = await service.PlaceOrdersAsync(20);
        var run = service.DispatchAsync();
        await Eventually.HoldsAsync(
            async () => (await service.OutboxAsync()).Count(message => message.LockToken != null) == 20, TimeSpan.FromSeconds(10), "all claimed");

        var idleInTransaction = await service.QueryAsync(db => db.Database
            .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'")
            .SingleAsync());

        idleInTransaction.ShouldBe(0);
        (await service.StatusesAsync(ids)).ShouldAllBe(status => status == OrderStatus.Pending, "the calls were still in flight");
        await run;
        (await service.StatusesAsync(ids)).ShouldAllBe(status => status == OrderStatus.Placed);
    }

    [Fact]
    public async Task Four_dispatchers_running_at_once_over_a_thousand_orders_place_each_exactly_once()
    {
        await using var service = await OrdersService.StartAsync(_api, new Dictionary<string, string?>
        {
            ["Outbox:Dispatch"] = "false",
            ["Exchange:Latency"] = "00:00:00.02",
            ["Exchange:FailureRate"] = "0.1",
            ["Outbox:MaxConcurrency"] = "25",
            ["Outbox:BatchSize"] = "20",
            ["Outbox:BaseBackoff"] = "00:00:00.01",
            ["Outbox:MaxBackoff"] = "00:00:00.05",
        });
        var ids = await service.PlaceOrdersAsync(1000, parallelism: 64);

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await service.StatusesAsync(ids)).Any(status => status != OrderStatus.Placed))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "all orders placed in time");
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => service.DispatchAsync()));
        }

        service.Exchange.Placements.Count.ShouldBe(1000);
        ids.ShouldAllBe(id => service.Exchange.Placements[id].Requests == 1);
        service.Exchange.FailedCalls.ShouldBeGreaterThan(0);
        var orders = await service.OrdersAsync();
        orders.ShouldAllBe(order => order.ExchangeOrderId == service.Exchange.Placements[order.Id].ExchangeOrderId);
        await service.ShouldBeDrainedAsync(DateTime.UtcNow);
    }
}
