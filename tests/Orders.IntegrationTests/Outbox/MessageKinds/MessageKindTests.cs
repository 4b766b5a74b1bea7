using System.Text.Json;
using Ardalis.Result;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MediatR;
using Orders.Application.Abstractions.Messaging;
using Orders.Application.Orders.PlaceAtExchange;
using Orders.Domain.Orders;
using Orders.Infrastructure.Outbox;
using Orders.Infrastructure.Outbox.Relay;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Outbox.MessageKinds;

/// <summary>
/// The relay knows no message kind of its own: a kind registered by a test (a name, a type, a handler) is claimed,
/// handled, retried, dead-lettered and kept in order by its ordering key like an order's messages.
/// </summary>
public abstract class MessageKindTests(OrdersApi api)
{
    private const string Kind = "test-message.v1";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TestMessageScript _script = new();

    [Fact]
    public async Task A_message_of_a_registered_kind_is_handled_once_and_done()
    {
        await using var service = await StartAsync();
        await AddAsync(service, "one", orderingKey: null);

        (await service.DispatchAsync()).ShouldBe(1);

        _script.Handled.ShouldBe([("one", new MessageDelivery(1, TimeSpan.FromMinutes(10), IsFinal: false))]);
        var row = (await service.OutboxAsync()).Single();
        row.ProcessedAt.ShouldNotBeNull();
        row.LastError.ShouldBeNull();
        await service.ShouldBeDrainedAsync(_time.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task A_message_its_handler_retries_later_waits_out_its_backoff_and_is_delivered_again()
    {
        await using var service = await StartAsync();
        _script.Answer("busy", MessageOutcome.RetryLater("not now"));
        await AddAsync(service, "busy", orderingKey: null);

        await service.DispatchAsync();
        var waiting = (await service.OutboxAsync()).Single();
        waiting.ShouldSatisfyAllConditions(
            () => waiting.ProcessedAt.ShouldBeNull(),
            () => waiting.LastError.ShouldBe("not now"),
            () => waiting.NextAttemptAt.ShouldBeGreaterThan(_time.GetUtcNow().UtcDateTime));
        (await service.DispatchAsync()).ShouldBe(0, "its backoff has not run out");

        _time.Advance(TimeSpan.FromSeconds(30));
        await service.DispatchAsync();

        _script.Handled.Select(handled => handled.Delivery.Attempt).ShouldBe([1, 2]);
        (await service.OutboxAsync()).Single().ProcessedAt.ShouldNotBeNull();
        await service.ShouldBeDrainedAsync(_time.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task A_message_its_handler_gives_up_is_dead_lettered_with_the_reason_at_once()
    {
        await using var service = await StartAsync();
        _script.Answer("hopeless", MessageOutcome.GiveUp("cannot ever work"));
        await AddAsync(service, "hopeless", orderingKey: null);

        await service.DispatchAsync();

        var row = (await service.OutboxAsync()).Single();
        row.DeadLetteredAt.ShouldNotBeNull();
        row.LastError.ShouldBe("cannot ever work");
        row.Attempts.ShouldBe(1);
        _script.Handled.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_message_still_retried_past_the_give_up_deadline_is_dead_lettered_and_its_handler_was_told_so()
    {
        await using var service = await StartAsync();
        _script.Answer("late", MessageOutcome.RetryLater("still not"));
        await AddAsync(service, "late", orderingKey: null);
        _time.Advance(TimeSpan.FromMinutes(10));

        await service.DispatchAsync();

        _script.Handled.Single().Delivery.IsFinal.ShouldBeTrue();
        var row = (await service.OutboxAsync()).Single();
        row.DeadLetteredAt.ShouldNotBeNull();
        row.LastError.ShouldBe("Not done within 00:10:00 (1 attempts): still not");
    }

    [Fact]
    public async Task Messages_with_one_ordering_key_are_delivered_one_at_a_time_in_order_and_others_pass_them()
    {
        await using var service = await StartAsync();
        _script.Answer("k-first", MessageOutcome.RetryLater("not yet"));
        await AddAsync(service, "k-first", orderingKey: "k");
        await AddAsync(service, "k-second", orderingKey: "k");
        await AddAsync(service, "j-only", orderingKey: "j");
        await AddAsync(service, "no-key", orderingKey: null);

        (await service.DispatchAsync()).ShouldBe(3, "the second of key k waits for the first, which waits for its retry");
        _script.Handled.Select(handled => handled.Name).ShouldBe(["k-first", "j-only", "no-key"], ignoreOrder: true);

        _time.Advance(TimeSpan.FromSeconds(30));
        await service.DispatchAsync();

        _script.Handled.Select(handled => handled.Name).Where(name => name.StartsWith("k-")).ShouldBe(["k-first", "k-first", "k-second"]);
        (await service.OutboxAsync()).ShouldAllBe(message => message.ProcessedAt != null);
        await service.ShouldBeDrainedAsync(_time.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task A_claimed_message_keeps_the_later_messages_with_its_key_from_being_claimed()
    {
        await using var service = await StartAsync();
        await AddAsync(service, "k-first", orderingKey: "k");
        await AddAsync(service, "k-second", orderingKey: "k");

        var first = await ClaimAsync(service);
        var whileHeld = await ClaimAsync(service);

        first.Select(message => message.Payload).ShouldBe([Payload("k-first")]);
        whileHeld.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_follow_up_commits_with_its_messages_outcome_or_not_at_all_and_a_failing_one_holds_back_no_other()
    {
        var settings = Settings();
        settings["Exchange:FailureRate"] = "1"; // the orders' own placements fail and wait: only the follow-ups change them
        await using var service = await StartAsync(settings);
        var ids = await service.PlaceOrdersAsync(2);
        _script.Answer("fails-the-first", MessageOutcome.GiveUp("given up", new RecordPlacementFailureCommand(ids[0], "given up")));
        _script.Answer("breaks-on-the-second", MessageOutcome.Done(new FailingFollowUp(ids[1])));
        await AddAsync(service, "fails-the-first", orderingKey: null);
        await AddAsync(service, "breaks-on-the-second", orderingKey: null);

        await service.DispatchAsync();

        var orders = (await service.OrdersAsync()).ToDictionary(order => order.Id, order => order.Status);
        orders[ids[0]].ShouldBe(OrderStatus.Failed);
        orders[ids[1]].ShouldBe(OrderStatus.Pending, "the failed follow-up's change was rolled back");
        var rows = (await service.OutboxAsync()).Where(message => message.Type == Kind).ToDictionary(message => message.Payload);
        rows[Payload("fails-the-first")].DeadLetteredAt.ShouldNotBeNull();
        rows[Payload("breaks-on-the-second")].ShouldSatisfyAllConditions(
            row => row.ProcessedAt.ShouldBeNull(),
            row => row.DeadLetteredAt.ShouldBeNull(),
            row => row.LockToken.ShouldNotBeNull("its outcome was not recorded: the lease brings it back"));
    }

    [Fact]
    public async Task An_orders_messages_carry_its_id_as_their_ordering_key()
    {
        await using var service = await StartAsync();

        var id = (await service.PlaceOrdersAsync(1)).Single();

        (await service.OutboxAsync()).Single().OrderingKey.ShouldBe(id.ToString());
    }

    private static Dictionary<string, string?> Settings() =>
        new() { ["Outbox:Dispatch"] = "false", ["Exchange:Latency"] = "00:00:00", ["Outbox:GiveUpAfter"] = "00:10:00" };

    private Task<OrdersService> StartAsync(Dictionary<string, string?>? settings = null) => OrdersService.StartAsync(
        api,
        settings ?? Settings(),
        _time,
        services: services => services
            .AddSingleton(new MessageRoute(Kind, typeof(TestMessage)))
            .AddSingleton(_script)
            .AddTransient<IMessageHandler<TestMessage>, TestMessageHandler>()
            .AddTransient<IRequestHandler<FailingFollowUp, Result<OrderStatus>>, FailingFollowUpHandler>());

    private static string Payload(string name) => JsonSerializer.Serialize(new TestMessage(name), OutboxEventTypes.SerializerOptions);

    // Each a millisecond after the one before: their order is the order they occurred in.
    private async Task AddAsync(OrdersService service, string name, string? orderingKey)
    {
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var now = _time.GetUtcNow().UtcDateTime;
        await service.QueryAsync(db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.CreateVersion7(), Type = Kind, Payload = Payload(name), OccurredAt = now, NextAttemptAt = now, OrderingKey = orderingKey,
            });
            return db.SaveChangesAsync();
        });
    }

    private static async Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimAsync(OrdersService service)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxClaims>().ClaimAsync(10, TimeSpan.FromMinutes(5), CancellationToken.None);
    }
}

public sealed class MessageKindOnSqliteTests(SqliteOrdersApi api) : MessageKindTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class MessageKindOnPostgresTests(PostgresOrdersApi api) : MessageKindTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class MessageKindOnSqlServerTests(SqlServerOrdersApi api) : MessageKindTests(api), IClassFixture<SqlServerOrdersApi>;
