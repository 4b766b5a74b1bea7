using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;
using Orders.Infrastructure.Outbox;
using Orders.Infrastructure.Persistence;
using Orders.Infrastructure.Persistence.Writes;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Persistence.Writes;

/// <summary>
/// The unit of work writes a new order's rows itself, without the change tracker, instead of through SaveChanges:
/// they must be the rows SaveChanges writes, byte for byte as the database stores them, and a unit of work that
/// changes anything else must be left to SaveChanges.
/// </summary>
public abstract class NewOrderWriterTests(OrdersApi api) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 30, 15, 123, 456, TimeSpan.Zero);

    // The dispatcher stays off: the rows are compared as written, not as placed.
    private OrdersApiFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = api.CreateFactory(
            await api.CreateDatabaseAsync(), new Dictionary<string, string?> { ["Outbox:Dispatch"] = "false" }, new FakeTimeProvider(Now));
        _factory.CreateClient().Dispose(); // starts the host: migrations run
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_new_order_is_written_as_the_same_rows_SaveChanges_writes()
    {
        var byWriter = Order.Accept(AccountRules.DefaultAccountId, OrderType.Limit, OrderSide.Sell, "US0378331005", 150.25m, 10, Now);
        var bySaveChanges = Order.Accept(AccountRules.DefaultAccountId, OrderType.Limit, OrderSide.Sell, "US0378331005", 150.25m, 10, Now);

        // Both written in the span of one request, whose trace the order and its outbox row keep.
        using var request = new Activity("POST /orders").Start();
        request.TraceStateString = "vendor=value";
        await InScopeAsync(async (scope, dbContext, cancellationToken) =>
        {
            await using (var transaction = await scope.GetRequiredService<IUnitOfWork>().BeginTransactionAsync(cancellationToken))
            {
                scope.GetRequiredService<IOrderRepository>().Add(byWriter);
                await transaction.CommitAsync(cancellationToken);
            }

            dbContext.ChangeTracker.Entries().ShouldBeEmpty("written without the change tracker");
        });
        await InScopeAsync(async (_, dbContext, cancellationToken) =>
        {
            dbContext.Orders.Add(bySaveChanges);
            await dbContext.SaveChangesAsync(cancellationToken);
        });

        var written = await RowsAsync(byWriter.Id);
        var saved = await RowsAsync(bySaveChanges.Id);
        written.Count.ShouldBe(3);
        written.ShouldBe(saved);
        written.Count(row => row.Contains($"trace_parent={request.Id} vendor=value", StringComparison.Ordinal)).ShouldBe(2, "the order's journey, and its placement's");
        byWriter.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_unit_of_work_that_also_changes_a_stored_order_writes_everything_through_SaveChanges()
    {
        var stored = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 1, Now);
        await InScopeAsync(async (_, dbContext, cancellationToken) =>
        {
            dbContext.Orders.Add(stored);
            await dbContext.SaveChangesAsync(cancellationToken);
        });
        var created = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 2, Now);

        await InScopeAsync(async (scope, dbContext, cancellationToken) =>
        {
            await using (var transaction = await scope.GetRequiredService<IUnitOfWork>().BeginTransactionAsync(cancellationToken))
            {
                var orders = scope.GetRequiredService<IOrderRepository>();
                (await orders.FindAsync(stored.Id, cancellationToken))!.MarkPlaced("EX-1", Now);
                orders.Add(created);
                await transaction.CommitAsync(cancellationToken);
            }

            dbContext.ChangeTracker.Entries<Order>().Count().ShouldBe(2, "written by SaveChanges, which tracks what it wrote");
        });

        var orders = await InScopeAsync((_, dbContext, cancellationToken) => dbContext.Orders.AsNoTracking().Include(order => order.History).ToListAsync(cancellationToken));
        orders.Single(order => order.Id == stored.Id).Status.ShouldBe(OrderStatus.Placed);
        orders.Single(order => order.Id == created.Id).History.ShouldHaveSingleItem().Status.ShouldBe(OrderStatus.Pending);
        (await InScopeAsync((_, dbContext, cancellationToken) => dbContext.OutboxMessages.CountAsync(cancellationToken))).ShouldBe(2);
        var events = await InScopeAsync((_, dbContext, cancellationToken) => dbContext.Set<OrderEvent>().AsNoTracking().ToListAsync(cancellationToken));
        events.Select(orderEvent => (orderEvent.OrderId, Status: JsonDocument.Parse(orderEvent.Data).RootElement.GetProperty("status").GetString()))
            .ShouldBe([(stored.Id, "placed"), (created.Id, "pending")], ignoreOrder: true, "an event per order the unit of work changed");
    }

    [Fact]
    public async Task Without_a_transaction_it_writes_nothing()
    {
        var write = InScopeAsync((scope, dbContext, cancellationToken) =>
            scope.GetRequiredService<NewOrderWriter>().WriteAsync(
                dbContext, [Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 1, Now)], [], [], cancellationToken));

        await Should.ThrowAsync<InvalidOperationException>(write);
        (await InScopeAsync((_, dbContext, cancellationToken) => dbContext.Orders.CountAsync(cancellationToken))).ShouldBe(0);
    }

    private IServiceProvider Services => _factory.Services;

    private Task InScopeAsync(Func<IServiceProvider, OrdersDbContext, CancellationToken, Task> action) =>
        InScopeAsync(async (scope, dbContext, cancellationToken) =>
        {
            await action(scope, dbContext, cancellationToken);
            return true;
        });

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, OrdersDbContext, CancellationToken, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<OrdersDbContext>(), TestContext.Current.CancellationToken);
    }

    // Every column as the database returns it, in text; the ids, which differ by design, become placeholders
    // (so a key stored in another form still shows), and the status change's generated key is left out.
    private Task<List<string>> RowsAsync(Guid orderId) => InScopeAsync(async (_, dbContext, cancellationToken) =>
    {
        var outboxId = await dbContext.OutboxMessages
            .Where(message => message.Payload.Contains(orderId.ToString()))
            .Select(message => message.Id)
            .SingleAsync(cancellationToken);
        var rows = new List<string>();
        var connection = dbContext.Database.GetDbConnection();
        await dbContext.Database.OpenConnectionAsync(cancellationToken);
        foreach (var (table, key, id) in new[] { ("orders", "id", orderId), ("order_status_changes", "order_id", orderId), ("outbox_messages", "id", outboxId) })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var columns = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => Text(reader, i));
                if (!string.Equals(columns[key], id.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                rows.Add(table + ": " + string.Join(", ", columns
                    .Where(column => (table, column.Key) is not ("order_status_changes", "id"))
                    .Select(column => $"{column.Key}={column.Value?
                        .Replace(orderId.ToString(), "<order>", StringComparison.OrdinalIgnoreCase)
                        .Replace(outboxId.ToString(), "<message>", StringComparison.OrdinalIgnoreCase)}")));
            }
        }

        return rows;
    });

    private static string? Text(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToString(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class NewOrderWriterOnSqliteTests(SqliteOrdersApi api) : NewOrderWriterTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class NewOrderWriterOnPostgresTests(PostgresOrdersApi api) : NewOrderWriterTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class NewOrderWriterOnSqlServerTests(SqlServerOrdersApi api) : NewOrderWriterTests(api), IClassFixture<SqlServerOrdersApi>;
