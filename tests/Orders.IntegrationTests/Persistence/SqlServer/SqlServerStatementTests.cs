using System.Globalization;
using System.Text;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Orders.Application.Abstractions.Persistence;
using Orders.Application.Abstractions.Exchange;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;
using Orders.Infrastructure.Executions;
using Orders.Infrastructure.Monitoring;
using Orders.Infrastructure.Outbox;
using Orders.Infrastructure.Persistence;
using Orders.Infrastructure.Persistence.Sql;
using Orders.Infrastructure.Persistence.Writes;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Persistence.SqlServer;

/// <summary>
/// What can be checked of SQL Server without a server: the model matches its migrations, and every statement the
/// service sends there (its hand-written ones, the new-order writer's, the idempotent migration script), and every one
/// the tests send there themselves, is T-SQL that SQL Server's own parser reads without an error. The statements'
/// behaviour needs a server: the opt-in run.
/// </summary>
public sealed class SqlServerStatementTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string, string> HandWrittenStatements => new()
    {
        { "claim", Text(new SqlServerOutboxSql().Claim(Guid.NewGuid(), TimeSpan.FromSeconds(30), Now, 100)) },
        { "release of one row", Text(new SqlServerOutboxSql().Release(Guid.NewGuid(), [Guid.NewGuid()])) },
        { "release of three rows", Text(new SqlServerOutboxSql().Release(Guid.NewGuid(), [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()])) },
        { "idempotency key", Text(new SqlServerIdempotencySql().InsertIfAbsent(Guid.NewGuid(), "key", "fingerprint", "{}", Now, Now.AddDays(1))) },
        { "order events: where a new reader starts", Text(new SqlServerOrderEventsSql().Now) },
        { "order events: a page", Text(new SqlServerOrderEventsSql().ReadAfter(new OrderEventPosition(123, 45), Guid.NewGuid(), null, 500)) },
        { "order events: a page of one order", Text(new SqlServerOrderEventsSql().ReadAfter(new OrderEventPosition(123, 45), Guid.NewGuid(), Guid.NewGuid(), 500)) },
        { "execution report", Text(new SqlServerExecutionInboxSql().StoreIfAbsent(ReceivedReport, OutboxEventTypes.ToMessage(Report, Now))) },
    };

    private static readonly ExecutionReport Report = new("S-1", 1, "E-1", Guid.NewGuid(), "EX-1", ExecutionKind.Fill, 1, 10m, 1, 0, 10m, Now, null);

    private static readonly ReceivedExecutionReport ReceivedReport = new()
    {
        ExecutionId = Report.ExecutionId,
        SessionId = Report.SessionId,
        Sequence = Report.Sequence,
        ClientOrderId = Report.ClientOrderId,
        Payload = "{}",
        ReceivedAt = Now,
    };

    [Theory]
    [MemberData(nameof(HandWrittenStatements))]
    public void A_hand_written_statement_is_valid_T_SQL(string statement, string sql) =>
        ParseErrors(sql).ShouldBeEmpty(statement);

    // What the tests themselves send in the SQL Server run.
    public static TheoryData<string, string> TestStatements => new()
    {
        { "a table refusing inserts", new SqlServerTestSql().FailWrites("INSERT", "outbox_messages") },
        { "a table refusing deletes", new SqlServerTestSql().FailWrites("DELETE", "idempotency_keys") },
        { "an order refusing updates", new SqlServerTestSql().FailUpdatesOfOrder(Guid.NewGuid()) },
        { "a table taking writes again", new SqlServerTestSql().StopFailing("orders") },
        { "leases running out", new SqlServerTestSql().ExpireLeases },
    };

    [Theory]
    [MemberData(nameof(TestStatements))]
    public void A_statement_of_the_tests_is_valid_T_SQL(string statement, string sql) =>
        ParseErrors(sql).ShouldBeEmpty(statement);

    [Fact]
    public void The_new_order_writers_statements_are_valid_T_SQL()
    {
        using var dbContext = NewContext();
        using var command = new SqlCommand();
        var text = new StringBuilder();
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Limit, OrderSide.Buy, "US0378331005", 150.25m, 10, Now);

        TableInsert.For<Order>(dbContext).Add(command, text, order);
        TableInsert.For<OrderStatusChange>(dbContext).Add(command, text, order.History[0], principal: order);
        TableInsert.For<OutboxMessage>(dbContext).Add(command, text, new OutboxMessage { Type = "order-accepted.v1", Payload = "{}" });
        TableInsert.For<OrderEvent>(dbContext).Add(command, text, new OrderEvent { OrderId = order.Id, OccurredAt = Now, Data = "{}" });

        ParseErrors(text.ToString()).ShouldBeEmpty();
        command.Parameters.Count.ShouldBeGreaterThan(10);
    }

    // LINQ, not hand-written: what EF makes of the grouping expression (IndexOf, Substring, CASE) for SQL Server.
    [Fact]
    public void The_dead_letter_groups_queries_are_valid_T_SQL()
    {
        using var dbContext = NewContext();

        var groups = DeadLetters.Largest(dbContext, 20).ToQueryString();
        var group = DeadLetters.InGroup(dbContext, "Not placed within 01:00:00: connection not available").OrderBy(order => order.CreatedAt).Take(1).ToQueryString();

        groups.ShouldContain("CHARINDEX");
        groups.ShouldContain("GROUP BY");
        ParseErrors(groups).ShouldBeEmpty();
        ParseErrors(group).ShouldBeEmpty();
    }

    [Fact]
    public void The_idempotent_migration_script_is_valid_T_SQL()
    {
        using var dbContext = NewContext();

        var script = dbContext.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        script.ShouldContain("CREATE TABLE [outbox_messages]");
        ParseErrors(script).ShouldBeEmpty();
    }

    [Fact]
    public void The_model_has_no_changes_its_migrations_lack() =>
        NewContext().Database.HasPendingModelChanges().ShouldBeFalse();

    [Fact]
    public void The_parser_finds_a_planted_error() =>
        ParseErrors(Text(new SqlServerIdempotencySql().InsertIfAbsent(Guid.NewGuid(), "key", "f", "{}", Now, Now)).Replace("WHERE NOT EXISTS", "WHERE NOT EXIST")).ShouldNotBeEmpty();

    private static SqlServerOrdersDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqlServerOrdersDbContext>().UseSqlServer("Server=unused;Database=orders;TrustServerCertificate=true").Options);

    // As EF sends it: each argument a parameter.
    private static string Text(FormattableString sql) =>
        string.Format(CultureInfo.InvariantCulture, sql.Format, [.. Enumerable.Range(0, sql.ArgumentCount).Select(index => (object)$"@p{index}")]);

    private static List<string> ParseErrors(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return [.. errors.Select(error => $"line {error.Line}: {error.Message}")];
    }
}
