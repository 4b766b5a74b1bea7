using Microsoft.EntityFrameworkCore;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Persistence;

/// <summary>A 201 means stored: on SQLite, a commit survives a power loss unless the operator chose otherwise.</summary>
public sealed class SqliteDurabilityTests(SqliteOrdersApi api) : IClassFixture<SqliteOrdersApi>
{
    [Fact]
    public async Task The_service_commits_with_synchronous_full_by_default()
    {
        await using var service = await OrdersService.StartAsync(api, new Dictionary<string, string?>());

        (await SynchronousAsync(service)).ShouldBe(2, "PRAGMA synchronous = FULL");
    }

    [Fact]
    public async Task An_operator_may_trade_durability_for_speed_with_synchronous_normal()
    {
        await using var service = await OrdersService.StartAsync(api, new Dictionary<string, string?> { ["Database:SqliteSynchronous"] = "Normal" });

        (await SynchronousAsync(service)).ShouldBe(1, "PRAGMA synchronous = NORMAL");
    }

    // The level of a connection the service opens for writing, as its connection set-up left it.
    private static Task<long> SynchronousAsync(OrdersService service) => service.QueryAsync(async db =>
    {
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    });
}
