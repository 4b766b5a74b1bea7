using System.Net.Http.Json;
using System.Text.Json;
using Orders.Domain.Orders;
using Orders.Infrastructure.Outbox;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Outbox;

/// <summary>
/// Poison: a row that cannot be read is dead-lettered on its first claim and holds back no other.
/// </summary>
public abstract class PoisonTests(OrdersApi api)
{
    [Fact]
    public async Task A_malformed_outbox_row_is_dead_lettered_at_once_and_the_rows_behind_it_are_still_placed()
    {
        var settings = DispatchSettings.Manual();
        settings["Outbox:BatchSize"] = "1";
        settings["Outbox:MaxConcurrency"] = "1";
        await using var service = await OrdersService.StartAsync(api, settings);
        var early = DateTime.UnixEpoch.AddSeconds(Math.Floor((DateTime.UtcNow.AddMinutes(-1) - DateTime.UnixEpoch).TotalSeconds));
        await service.QueryAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage { Id = Guid.NewGuid(), Type = "order-cancelled.v9", Payload = "{}", OccurredAt = early, NextAttemptAt = early });
            db.OutboxMessages.Add(new OutboxMessage { Id = Guid.NewGuid(), Type = OutboxEventTypes.OrderAccepted, Payload = "{not json", OccurredAt = early, NextAttemptAt = early });
            db.OutboxMessages.Add(new OutboxMessage { Id = Guid.NewGuid(), Type = OutboxEventTypes.OrderAccepted, Payload = "{\"orderId\":\"" + Guid.NewGuid() + "\"}", OccurredAt = early, NextAttemptAt = early });
            return await db.SaveChangesAsync();
        });
        var ids = await service.PlaceOrdersAsync(3);

        await service.DispatchAsync();

        var outbox = await service.OutboxAsync();
        var poison = outbox.Where(message => message.OccurredAt == early).ToList();
        poison.ShouldAllBe(message => message.DeadLetteredAt != null && message.Attempts == 1);
        poison.Select(message => message.LastError).ShouldContain(error => error!.StartsWith("Unknown message type"));
        poison.Count(message => message.LastError!.StartsWith("Unreadable payload")).ShouldBe(2);
        (await service.StatusesAsync(ids)).ShouldAllBe(status => status == OrderStatus.Placed);
        var report = await service.Client.GetFromJsonAsync<JsonElement>("/ops/jobs", TestContext.Current.CancellationToken);
        report.GetProperty("outbox").GetProperty("dead_letters").GetInt32().ShouldBe(3);
        await service.ShouldBeDrainedAsync(DateTime.UtcNow);
    }
}

public sealed class PoisonOnSqliteTests(SqliteOrdersApi api) : PoisonTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class PoisonOnPostgresTests(PostgresOrdersApi api) : PoisonTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class PoisonOnSqlServerTests(SqlServerOrdersApi api) : PoisonTests(api), IClassFixture<SqlServerOrdersApi>;
