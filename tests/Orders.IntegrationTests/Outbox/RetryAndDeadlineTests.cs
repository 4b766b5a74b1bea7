using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orders.Domain.Orders;
using Orders.Infrastructure.Outbox;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Outbox;

/// <summary>
/// Failed attempts: each order is placed exactly once however often the exchange fails, with backoff, until the give-up
/// deadline fails it; an operator can re-drive it. Each test runs a service of its own on a database of its own.
/// </summary>
public abstract class RetryAndDeadlineTests(OrdersApi api)
{
    [Fact]
    public async Task With_half_of_the_exchange_calls_failing_every_order_is_placed_exactly_once()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Scheduled(failureRate: 0.5));

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
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = DispatchSettings.Manual(failureRate: 1.0);
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

        (await service.DispatchAsync()).ShouldBe(2, "the placement given up, then the cancel that withdraws the order at the exchange");
        var outbox = await service.OutboxAsync();
        var deadLetter = outbox.Single(message => message.Type == OutboxEventTypes.OrderAccepted);
        deadLetter.DeadLetteredAt.ShouldNotBeNull();
        deadLetter.Attempts.ShouldBe(attempt + 1);
        var withdrawal = outbox.Single(message => message.Type == OutboxEventTypes.OrderCancelRequested);
        (withdrawal.Attempts, withdrawal.LastError, withdrawal.DeadLetteredAt).ShouldBe((1, "connection not available", null), "tried, and tried again until its own deadline");
        var order = await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", TestContext.Current.CancellationToken);
        order.GetProperty("status").GetString().ShouldBe("failed");
        order.GetProperty("failure_reason").GetString()!.ShouldContain("00:02:00");
        order.GetProperty("history").EnumerateArray().Select(change => change.GetProperty("status").GetString()).ShouldBe(["pending", "failed"]);
        time.Advance(TimeSpan.FromHours(1));
        (await service.DispatchAsync()).ShouldBe(1, "the withdrawal, failing past its deadline");
        (await service.DispatchAsync()).ShouldBe(0, "a dead letter is never retried by itself");
        (await service.OutboxAsync()).ShouldAllBe(message => message.DeadLetteredAt != null);
    }

    [Fact]
    public async Task An_operator_can_redrive_a_failed_order_which_then_has_a_new_deadline_and_is_placed_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = DispatchSettings.Manual(failureRate: 1.0);
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
        (await service.StatusesAsync([id])).ShouldBe([OrderStatus.Pending]);
        (await service.DispatchAsync()).ShouldBe(0, "the new placement waits behind the cancel withdrawing the given-up one, which would cancel it if sent after");

        service.Exchange.FailureRate = 0;
        time.Advance(TimeSpan.FromMinutes(1));
        await service.DispatchAsync();

        var order = await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", TestContext.Current.CancellationToken);
        order.GetProperty("status").GetString().ShouldBe("placed");
        order.GetProperty("failure_reason").ValueKind.ShouldBe(JsonValueKind.Null);
        order.GetProperty("history").EnumerateArray().Select(change => change.GetProperty("status").GetString()).Take(4)
            .ShouldBe(["pending", "failed", "pending", "placed"]);
        service.Exchange.Placements[id].Requests.ShouldBe(1);
        (await service.OutboxAsync()).Count(message => message.DeadLetteredAt != null).ShouldBe(1, "the dead letter stays, for the record");
        (await service.Client.PostAsync($"/ops/orders/{Guid.NewGuid()}/redrive", null, TestContext.Current.CancellationToken))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The exchange did not hold the given-up order when the withdrawal reached it: its refusal is on the record.
        await Eventually.HoldsAsync(
            async () =>
            {
                await service.DispatchAsync();
                var history = (await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", TestContext.Current.CancellationToken)).GetProperty("history");
                return history.EnumerateArray().Any(change => change.GetProperty("reason").GetString() is { } reason && reason.StartsWith("cancel rejected: ", StringComparison.Ordinal));
            },
            TimeSpan.FromSeconds(30),
            "the withdrawal's refusal applied");
        (await service.StatusesAsync([id])).ShouldBe([OrderStatus.Placed]);
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
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Scheduled(failureRate: 1.0));

        var ids = await service.PlaceOrdersAsync(20);

        await Eventually.HoldsAsync(async () => service.Exchange.FailedCalls >= 40, TimeSpan.FromSeconds(30), "the exchange was tried again and again");
        (await service.StatusesAsync(ids)).ShouldAllBe(status => status == OrderStatus.Pending);

        service.Exchange.FailureRate = 0;
        await Eventually.HoldsAsync(
            async () => (await service.StatusesAsync(ids)).All(status => status == OrderStatus.Placed), TimeSpan.FromSeconds(60), "all placed after recovery");
        ids.ShouldAllBe(id => service.Exchange.Placements[id].Requests == 1);
        await service.ShouldBeDrainedAsync(DateTime.UtcNow);
    }
}

public sealed class RetryAndDeadlineOnSqliteTests(SqliteOrdersApi api) : RetryAndDeadlineTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class RetryAndDeadlineOnPostgresTests(PostgresOrdersApi api) : RetryAndDeadlineTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class RetryAndDeadlineOnSqlServerTests(SqlServerOrdersApi api) : RetryAndDeadlineTests(api), IClassFixture<SqlServerOrdersApi>;
