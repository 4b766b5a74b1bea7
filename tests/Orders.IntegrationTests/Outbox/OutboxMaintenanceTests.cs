using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orders.Infrastructure.Outbox;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Outbox;

/// <summary>
/// Keeping the outbox small and watched: the purge of processed rows, the jobs report and readiness.
/// </summary>
public abstract class OutboxMaintenanceTests(OrdersApi api)
{
    [Fact]
    public async Task Processed_rows_are_purged_after_the_retention_period_and_pending_rows_never()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = DispatchSettings.Manual();
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
        await using var healthy = await OrdersService.StartAsync(api, DispatchSettings.Scheduled(failureRate: 0));
        await healthy.PlaceOrdersAsync(3);

        await Eventually.HoldsAsync(
            async () => (await healthy.Client.GetFromJsonAsync<JsonElement>("/ops/jobs")).GetProperty("jobs").EnumerateArray()
                .Any(job => job.GetProperty("name").GetString() == "process-outbox" && job.GetProperty("runs").GetInt64() > 0),
            TimeSpan.FromSeconds(30),
            "the dispatcher job has run");
        var report = await healthy.Client.GetFromJsonAsync<JsonElement>("/ops/jobs", TestContext.Current.CancellationToken);
        var jobs = report.GetProperty("jobs").EnumerateArray().ToDictionary(job => job.GetProperty("name").GetString()!);
        jobs.Keys.ShouldBe(["process-outbox", "purge-processed-outbox", "purge-expired-idempotency-keys", "purge-order-events", "fill-execution-gaps", "reconcile-open-orders"], ignoreOrder: true);
        jobs["process-outbox"].GetProperty("next_fire_time").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddSeconds(-5));
        jobs["process-outbox"].GetProperty("last_run_outcome").GetString().ShouldNotBeNullOrEmpty();
        report.GetProperty("outbox").GetProperty("dead_letters").GetInt32().ShouldBe(0);
        report.GetProperty("discrepancies").GetProperty("count").GetInt32().ShouldBe(0);
        (await healthy.Client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await healthy.Client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var settings = DispatchSettings.Scheduled(failureRate: 1.0);
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

public sealed class OutboxMaintenanceOnSqliteTests(SqliteOrdersApi api) : OutboxMaintenanceTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class OutboxMaintenanceOnPostgresTests(PostgresOrdersApi api) : OutboxMaintenanceTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class OutboxMaintenanceOnSqlServerTests(SqlServerOrdersApi api) : OutboxMaintenanceTests(api), IClassFixture<SqlServerOrdersApi>;
