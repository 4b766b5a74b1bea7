using System.Diagnostics;
using System.Text.Json;
using Orders.Domain.Abstractions;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;
using Orders.Infrastructure.Monitoring.Tracing;
using Orders.Infrastructure.Outbox;

namespace Orders.UnitTests.Infrastructure.Outbox;

public sealed class OutboxEventTypesTests
{
    private static readonly DateTime OccurredAt = new(2026, 3, 14, 13, 9, 27, DateTimeKind.Utc);

    [Fact]
    public void Every_domain_event_in_Orders_Domain_has_a_stable_outbox_name()
    {
        var domainEventTypes = typeof(IDomainEvent).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.IsAssignableTo(typeof(IDomainEvent)))
            .ToList();

        domainEventTypes.ShouldContain(typeof(OrderAcceptedDomainEvent), "the scan found no events: it is looking at the wrong assembly");
        domainEventTypes.Except(OutboxEventTypes.MappedTypes).ShouldBeEmpty("these domain events have no outbox name in OutboxEventTypes");
    }

    [Fact]
    public void OrderAccepted_is_stored_under_its_versioned_name()
    {
        var message = OutboxEventTypes.ToMessage(AcceptedEvent(), OccurredAt);

        message.Type.ShouldBe("order-accepted.v1");
    }

    [Fact]
    public void A_cancel_request_is_stored_under_its_versioned_name_and_ordered_after_the_orders_placement()
    {
        var accepted = AcceptedEvent();

        var message = OutboxEventTypes.ToMessage(new OrderCancelRequestedDomainEvent(accepted.OrderId), OccurredAt);

        message.Type.ShouldBe("order-cancel-requested.v1");
        message.OrderingKey.ShouldBe(OutboxEventTypes.ToMessage(accepted, OccurredAt).OrderingKey);
        message.OrderingKey.ShouldBe(accepted.OrderId.ToString());
    }

    [Fact]
    public void ToMessage_round_trips_OrderAccepted_through_its_json_payload()
    {
        var domainEvent = AcceptedEvent();

        var message = OutboxEventTypes.ToMessage(domainEvent, OccurredAt);

        JsonSerializer.Deserialize<OrderAcceptedDomainEvent>(message.Payload, OutboxEventTypes.SerializerOptions).ShouldBe(domainEvent);
    }

    [Fact]
    public void ToMessage_writes_enums_as_names_so_reordering_an_enum_never_changes_a_stored_payload()
    {
        var message = OutboxEventTypes.ToMessage(AcceptedEvent(), OccurredAt);

        using var payload = JsonDocument.Parse(message.Payload);
        payload.RootElement.GetProperty("type").GetString().ShouldBe("Limit");
        payload.RootElement.GetProperty("side").GetString().ShouldBe("Sell");
    }

    [Fact]
    public void ToMessage_makes_a_new_message_due_at_once()
    {
        var message = OutboxEventTypes.ToMessage(AcceptedEvent(), OccurredAt);

        message.Id.Version.ShouldBe(7);
        message.OccurredAt.ShouldBe(OccurredAt);
        message.NextAttemptAt.ShouldBe(OccurredAt);
        message.Attempts.ShouldBe(0);
        message.ProcessedAt.ShouldBeNull();
        message.DeadLetteredAt.ShouldBeNull();
        message.LockToken.ShouldBeNull();
    }

    [Fact]
    public void A_message_continues_its_aggregates_journey_and_links_to_the_current_span_when_that_is_another()
    {
        using var creating = new Activity("POST /orders").Start();
        var journey = StoredTraceContext.Current();
        var ofNewOrder = OutboxEventTypes.ToMessage(AcceptedEvent(), OccurredAt, journey);
        creating.Stop();
        using var cancelling = new Activity("DELETE /orders/{id}").Start();

        var ofStoredOrder = OutboxEventTypes.ToMessage(AcceptedEvent(), OccurredAt, journey);
        var withoutJourney = OutboxEventTypes.ToMessage(AcceptedEvent(), OccurredAt);

        (ofNewOrder.TraceParent, ofNewOrder.TraceLink).ShouldBe((creating.Id, null));
        (ofStoredOrder.TraceParent, ofStoredOrder.TraceLink).ShouldBe((creating.Id, cancelling.Id));
        (withoutJourney.TraceParent, withoutJourney.TraceLink).ShouldBe((null, cancelling.Id));
    }

    [Fact]
    public void ToMessage_refuses_an_event_without_an_outbox_name()
    {
        var exception = Should.Throw<InvalidOperationException>(() => OutboxEventTypes.ToMessage(new UnmappedDomainEvent(), OccurredAt));

        exception.Message.ShouldContain(nameof(UnmappedDomainEvent));
    }

    private static OrderAcceptedDomainEvent AcceptedEvent()
    {
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Limit, OrderSide.Sell, "abcDEF123456", 150.55m, 10, new DateTimeOffset(2026, 3, 14, 13, 9, 26, TimeSpan.Zero).AddTicks(5_358_979));
        return order.DomainEvents.OfType<OrderAcceptedDomainEvent>().Single();
    }

    private sealed record UnmappedDomainEvent : IDomainEvent;
}
