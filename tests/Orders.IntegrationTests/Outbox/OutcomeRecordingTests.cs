using Orders.Domain.Orders;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Outbox;

/// <summary>
/// Recording outcomes in batches: one outcome the database refuses does not hold back the others.
/// </summary>
public abstract class OutcomeRecordingTests(OrdersApi api)
{
    [Fact]
    public async Task An_outcome_the_database_refuses_does_not_hold_back_the_outcomes_recorded_with_it()
    {
        // Outcomes are recorded in batches; calls that finish together share one. A database of its own: the test
        // changes its schema.
        await using var service = await OrdersService.StartOnAsync(api, await api.CreateDatabaseAsync(), DispatchSettings.Manual(latency: "00:00:00.05"));
        var ids = await service.PlaceOrdersAsync(20);
        var refused = ids[10];
        await service.ExecuteSqlAsync(api.Sql.FailUpdatesOfOrder(refused));

        (await service.DispatchAsync()).ShouldBe(20);

        (await service.StatusesAsync(ids.Where(id => id != refused))).ShouldAllBe(status => status == OrderStatus.Placed);
        (await service.StatusesAsync([refused])).ShouldBe([OrderStatus.Pending]);

        // Its claim was never released: once the database takes it and the lease runs out, it is placed.
        await service.ExecuteSqlAsync(api.Sql.StopFailing("orders"));
        await service.ExpireLeasesAsync();
        (await service.DispatchAsync()).ShouldBe(1);
        (await service.StatusesAsync([refused])).ShouldBe([OrderStatus.Placed]);
        await service.ShouldBeDrainedAsync(DateTime.UtcNow);
    }
}

public sealed class OutcomeRecordingOnSqliteTests(SqliteOrdersApi api) : OutcomeRecordingTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class OutcomeRecordingOnPostgresTests(PostgresOrdersApi api) : OutcomeRecordingTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class OutcomeRecordingOnSqlServerTests(SqlServerOrdersApi api) : OutcomeRecordingTests(api), IClassFixture<SqlServerOrdersApi>;
