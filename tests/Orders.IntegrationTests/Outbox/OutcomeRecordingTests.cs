using Microsoft.EntityFrameworkCore;
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
        // Outcomes are recorded in batches; calls that finish together share one.
        await using var service = await OrdersService.StartAsync(api, DispatchSettings.Manual(latency: "00:00:00.05"));
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
}

public sealed class OutcomeRecordingOnSqliteTests(SqliteOrdersApi api) : OutcomeRecordingTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class OutcomeRecordingOnPostgresTests(PostgresOrdersApi api) : OutcomeRecordingTests(api), IClassFixture<PostgresOrdersApi>;
