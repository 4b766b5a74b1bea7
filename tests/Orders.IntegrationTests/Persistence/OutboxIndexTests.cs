using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orders.Infrastructure.Outbox;
using Orders.Infrastructure.Persistence;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Persistence;

/// <summary>The outbox's frequent reads find their rows by index, however many processed rows the retention keeps.</summary>
public abstract class OutboxIndexTests(OrdersApi api)
{
    /// <summary>A statement that makes the planner choose as it would on a large table, where one is needed.</summary>
    protected virtual string? Prepare => null;

    protected abstract string Explain { get; }

    [Fact]
    public async Task The_dead_letters_are_read_from_their_own_index()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var factory = api.CreateFactory(await api.CreateDatabaseAsync(), new Dictionary<string, string?>());
        await using var scope = factory.Services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<OrdersDbContext>(); // the host migrated it as it started
        var query = dbContext.OutboxMessages.Where(message => message.DeadLetteredAt != null).Select(message => message.Id).ToQueryString();

        await dbContext.Database.OpenConnectionAsync(cancellationToken);
        if (Prepare is not null)
        {
            await dbContext.Database.ExecuteSqlRawAsync(Prepare, cancellationToken);
        }
        await using var explain = dbContext.Database.GetDbConnection().CreateCommand();
        explain.CommandText = $"{Explain} {query}";
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                plan.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)));
            }
        }

        string.Join('\n', plan).ShouldContain("ix_outbox_messages_dead_letters");
    }
}

public sealed class OutboxIndexOnSqliteTests(SqliteOrdersApi api) : OutboxIndexTests(api), IClassFixture<SqliteOrdersApi>
{
    protected override string Explain => "EXPLAIN QUERY PLAN";
}

// An empty table is scanned whatever its indexes: the planner is told to prefer them, as it does on a large one.
public sealed class OutboxIndexOnPostgresTests(PostgresOrdersApi api) : OutboxIndexTests(api), IClassFixture<PostgresOrdersApi>
{
    protected override string? Prepare => "SET enable_seqscan = off";

    protected override string Explain => "EXPLAIN";
}
