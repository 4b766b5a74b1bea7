using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orders.Domain.Orders;
using Orders.Infrastructure.Outbox.Relay;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Outbox;

/// <summary>
/// Claims and their leases: a dead dispatcher's rows come back to another once, and no transaction stays open
/// while calls are in flight.
/// </summary>
public abstract class ClaimAndLeaseTests(OrdersApi api)
{
    [Fact]
    public async Task Rows_claimed_by_a_dispatcher_that_died_are_placed_once_by_another_after_the_lease_expires()
    {
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual());
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
}

public sealed class ClaimAndLeaseOnSqliteTests(SqliteOrdersApi api) : ClaimAndLeaseTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class ClaimAndLeaseOnPostgresTests(PostgresOrdersApi api) : ClaimAndLeaseTests(api), IClassFixture<PostgresOrdersApi>
{
    [Fact]
    public async Task No_database_transaction_is_open_while_exchange_calls_are_in_flight()
    {
        await using var service = await OrdersService.StartAsync(api, new Dictionary<string, string?>
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
}

[Trait("Database", "SqlServer")]
public sealed class ClaimAndLeaseOnSqlServerTests(SqlServerOrdersApi api) : ClaimAndLeaseTests(api), IClassFixture<SqlServerOrdersApi>;
