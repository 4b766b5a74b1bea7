using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Accounts;
using Orders.Infrastructure.Idempotency;
using Orders.Infrastructure.Outbox;
using Orders.Infrastructure.Persistence;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Persistence;

/// <summary>Each provider's tool-made migrations build the whole schema from nothing and match the model.</summary>
public abstract class MigrationTests(OrdersApi api)
{
    [Fact]
    public async Task Migrations_build_the_schema_from_an_empty_database_and_leave_no_pending_model_changes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var factory = api.CreateFactory(
            await api.CreateDatabaseAsync(), new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });
        await using var scope = factory.Services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        (await dbContext.Database.GetAppliedMigrationsAsync(cancellationToken)).ShouldBeEmpty();

        await dbContext.Database.MigrateAsync(cancellationToken);

        (await dbContext.Database.GetAppliedMigrationsAsync(cancellationToken)).ShouldBe(dbContext.Database.GetMigrations());
        dbContext.Database.HasPendingModelChanges().ShouldBeFalse();
        (await dbContext.Orders.CountAsync(cancellationToken)).ShouldBe(0);
        (await dbContext.OutboxMessages.CountAsync(cancellationToken)).ShouldBe(0);
    }

    [Fact]
    public async Task The_orders_stored_before_accounts_existed_belong_to_the_default_account_the_migration_creates()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var id = Guid.Parse("01900000-0000-7000-8000-000000000042");
        var insertAsBefore = "INSERT INTO orders (id, created_at, type, side, instrument, quantity, status, filled_quantity) "
            + $"VALUES ('{id}', '2026-11-30 10:00:00', 'Market', 'Buy', 'US0378331005', 1, 'Pending', 0)";

        await MigrateAcrossAsync(
            "_Accounts",
            dbContext => dbContext.Database.ExecuteSqlRawAsync(insertAsBefore, cancellationToken),
            async dbContext =>
            {
                (await dbContext.Orders.AsNoTracking().SingleAsync(cancellationToken)).AccountId.ShouldBe(AccountRules.DefaultAccountId);
                var account = await dbContext.Accounts.AsNoTracking().SingleAsync(cancellationToken);
                (account.Id, account.Name, account.Status).ShouldBe((AccountRules.DefaultAccountId, "default", AccountStatus.Active));
            });
    }

    [Fact]
    public async Task The_events_and_idempotency_keys_stored_before_account_scoping_belong_to_their_orders_and_the_default_account()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var alice = Guid.Parse("01900000-0000-7000-8000-000000000043");
        var alicesOrder = Guid.Parse("01900000-0000-7000-8000-000000000044");
        var storeAsBefore = new[]
        {
            $"INSERT INTO accounts (id, name, status, created_at) VALUES ('{alice}', 'alice', 'Active', '2026-11-30 10:00:00')",
            "INSERT INTO orders (id, account_id, created_at, type, side, instrument, quantity, status, filled_quantity) "
                + $"VALUES ('{alicesOrder}', '{alice}', '2026-11-30 10:00:00', 'Market', 'Buy', 'US0378331005', 1, 'Pending', 0)",
            $"INSERT INTO order_events (order_id, occurred_at, data) VALUES ('{alicesOrder}', '2026-11-30 10:00:00', 'the order')",
            "INSERT INTO idempotency_keys (\"key\", fingerprint, response, created_at, expires_at) "
                + "VALUES ('a key', 'fingerprint', 'the response', '2026-11-30 10:00:00', '2026-12-01 10:00:00')",
        };

        await MigrateAcrossAsync(
            "_AccountScoping",
            async dbContext =>
            {
                foreach (var statement in storeAsBefore)
                {
                    await dbContext.Database.ExecuteSqlRawAsync(statement, cancellationToken);
                }
            },
            async dbContext =>
            {
                (await dbContext.Set<OrderEvent>().AsNoTracking().SingleAsync(cancellationToken)).AccountId.ShouldBe(alice);
                var record = await dbContext.IdempotencyRecords.AsNoTracking().SingleAsync(cancellationToken);
                (record.AccountId, record.Key, record.Fingerprint).ShouldBe((AccountRules.DefaultAccountId, "a key", "fingerprint"));
            });
    }

    /// <summary>
    /// A new database migrated up to the migration whose name ends with <paramref name="migration"/>, rows stored in it
    /// as they were then, then every migration applied and the rows read back.
    /// </summary>
    private async Task MigrateAcrossAsync(string migration, Func<OrdersDbContext, Task> storeBefore, Func<OrdersDbContext, Task> readAfter)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // The service's clock at the rows' time: its purge jobs would otherwise find them long expired.
        await using var factory = api.CreateFactory(
            await api.CreateDatabaseAsync(),
            new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" },
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero)));
        await using var scope = factory.Services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var migrator = dbContext.GetService<IMigrator>();
        await migrator.MigrateAsync(dbContext.Database.GetMigrations().TakeWhile(name => !name.EndsWith(migration, StringComparison.Ordinal)).Last(), cancellationToken);
        await storeBefore(dbContext);

        await migrator.MigrateAsync(cancellationToken: cancellationToken);

        await readAfter(dbContext);
    }
}

public sealed class MigrationOnSqliteTests(SqliteOrdersApi api) : MigrationTests(api), IClassFixture<SqliteOrdersApi>
{
    [Fact]
    public async Task The_service_starts_on_an_existing_empty_file_and_makes_it_the_database()
    {
        var connectionString = await api.CreateDatabaseAsync();
        await File.WriteAllBytesAsync(new SqliteConnectionStringBuilder(connectionString).DataSource, [], TestContext.Current.CancellationToken);
        await using var factory = api.CreateFactory(connectionString, new Dictionary<string, string?>());

        var response = await factory.CreateClient().PostAsJsonAsync("/orders", new { type = "market", side = "buy", instrument = "US0378331005", quantity = 1 }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}

public sealed class MigrationOnPostgresTests(PostgresOrdersApi api) : MigrationTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class MigrationOnSqlServerTests(SqlServerOrdersApi api) : MigrationTests(api), IClassFixture<SqlServerOrdersApi>;
