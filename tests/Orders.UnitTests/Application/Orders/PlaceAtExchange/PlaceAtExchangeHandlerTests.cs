using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Messaging;
using Orders.Application.Orders.PlaceAtExchange;
using Orders.Domain.Orders;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Orders.PlaceAtExchange;

public sealed class PlaceAtExchangeHandlerTests
{
    private static readonly OrderAcceptedDomainEvent Accepted = new(Guid.NewGuid(), OrderType.Limit, OrderSide.Sell, "US0378331005", 12.5m, 7, new DateTime(2026, 3, 14, 13, 0, 0, DateTimeKind.Utc));
    private static readonly MessageDelivery FirstAttempt = new(1, TimeSpan.FromHours(1), IsFinal: false);
    private static readonly MessageDelivery SecondAttempt = new(2, TimeSpan.FromHours(1), IsFinal: false);
    private static readonly MessageDelivery PastDeadline = new(9, TimeSpan.FromHours(1), IsFinal: true);
    private static readonly ExchangeOrderStatus HeldOpen = new(ExchangeOrderState.Open, "EX-7", []);

    private readonly FakeStockExchange _exchange = new();
    private readonly List<string> _log = [];

    [Fact]
    public async Task An_order_the_exchange_places_is_done_and_recorded_as_placed_under_the_exchange_order_id()
    {
        _exchange.Answer = _ => "EX-42";

        var outcome = await HandleAsync(FirstAttempt);

        _exchange.Calls.ShouldBe([new ExchangeOrder(Accepted.OrderId, OrderType.Limit, OrderSide.Sell, "US0378331005", 12.5m, 7)]);
        outcome.ShouldBeOfType<MessageOutcome.Completed>().FollowUp!.Command.ShouldBe(new RecordPlacementCommand(Accepted.OrderId, "EX-42"));
    }

    [Fact]
    public async Task A_rejected_order_is_given_up_at_once_and_recorded_as_failed_with_the_exchanges_reason()
    {
        _exchange.Answer = _ => throw new ExchangeRejectedException("unknown instrument");

        var outcome = await HandleAsync(FirstAttempt);

        var givenUp = outcome.ShouldBeOfType<MessageOutcome.GivenUp>();
        givenUp.Reason.ShouldBe("Rejected by the exchange: unknown instrument");
        givenUp.FollowUp!.Command.ShouldBe(new RecordPlacementFailureCommand(Accepted.OrderId, "Rejected by the exchange: unknown instrument"));
        _log.ShouldContain(line => line.StartsWith("Error: Order " + Accepted.OrderId + " rejected"));
    }

    [Fact]
    public async Task A_failed_call_before_the_deadline_is_retried_and_changes_nothing_of_the_order()
    {
        _exchange.Answer = _ => throw new ExchangeUnavailableException("timed out");

        var outcome = await HandleAsync(FirstAttempt);

        outcome.ShouldBe(MessageOutcome.RetryLater("timed out"));
        outcome.FollowUp.ShouldBeNull();
    }

    [Fact]
    public async Task A_failed_call_past_the_deadline_gives_the_order_up_as_failed()
    {
        _exchange.Answer = _ => throw new ExchangeUnavailableException("timed out");

        var outcome = await HandleAsync(PastDeadline);

        const string reason = "Not placed within 01:00:00 (9 attempts): timed out";
        outcome.ShouldBeOfType<MessageOutcome.GivenUp>().Reason.ShouldBe(reason);
        outcome.FollowUp!.Command.ShouldBe(new RecordPlacementFailureCommand(Accepted.OrderId, reason, MayBeAtExchange: true));
        _exchange.StatusRequests.ShouldBe([Accepted.OrderId, Accepted.OrderId], "asked before placing again and before giving up; it never held the order");
    }

    [Fact]
    public async Task A_first_attempt_places_without_asking_for_the_orders_status()
    {
        await HandleAsync(FirstAttempt);

        _exchange.StatusRequests.ShouldBeEmpty();
        _exchange.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_later_attempt_whose_order_the_exchange_already_holds_is_recorded_as_placed_without_placing_again()
    {
        _exchange.StatusAnswer = _ => HeldOpen;

        var outcome = await HandleAsync(SecondAttempt);

        outcome.ShouldBeOfType<MessageOutcome.Completed>().FollowUp!.Command.ShouldBe(new RecordPlacementCommand(Accepted.OrderId, "EX-7"));
        _exchange.Calls.ShouldBeEmpty();
        _log.ShouldContain(line => line.Contains("an earlier attempt placed it"));
    }

    [Fact]
    public async Task A_later_attempt_whose_order_the_exchange_does_not_hold_places_it()
    {
        _exchange.Answer = _ => "EX-42";

        var outcome = await HandleAsync(SecondAttempt);

        _exchange.StatusRequests.ShouldBe([Accepted.OrderId]);
        _exchange.Calls.Count.ShouldBe(1);
        outcome.FollowUp!.Command.ShouldBe(new RecordPlacementCommand(Accepted.OrderId, "EX-42"));
    }

    [Fact]
    public async Task A_status_request_that_fails_is_retried_like_a_failed_placement()
    {
        _exchange.StatusAnswer = _ => throw new ExchangeUnavailableException("timed out");

        var outcome = await HandleAsync(SecondAttempt);

        outcome.ShouldBe(MessageOutcome.RetryLater("timed out"));
        _exchange.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Past_the_deadline_an_order_the_exchange_turns_out_to_hold_is_placed_not_failed()
    {
        var asked = 0;
        _exchange.StatusAnswer = _ => ++asked == 1 ? ExchangeOrderStatus.Unknown : HeldOpen;
        _exchange.Answer = _ => throw new ExchangeUnavailableException("timed out");

        var outcome = await HandleAsync(PastDeadline);

        outcome.ShouldBeOfType<MessageOutcome.Completed>().FollowUp!.Command.ShouldBe(new RecordPlacementCommand(Accepted.OrderId, "EX-7"));
    }

    [Fact]
    public async Task Past_the_deadline_a_status_request_that_fails_too_gives_the_order_up_and_withdraws_it()
    {
        var asked = 0;
        _exchange.StatusAnswer = _ => ++asked == 1 ? ExchangeOrderStatus.Unknown : throw new ExchangeUnavailableException("still down");
        _exchange.Answer = _ => throw new ExchangeUnavailableException("timed out");

        var outcome = await HandleAsync(PastDeadline);

        outcome.FollowUp!.Command.ShouldBeOfType<RecordPlacementFailureCommand>().MayBeAtExchange.ShouldBeTrue();
    }

    [Fact]
    public async Task A_call_the_adapter_held_back_is_not_an_attempt_and_comes_back_when_the_exchange_may_be_called()
    {
        _exchange.Answer = _ => throw new ExchangeNotCalledException("circuit open", TimeSpan.FromSeconds(20));

        var outcome = await HandleAsync(PastDeadline);

        outcome.ShouldBe(MessageOutcome.NotAttempted(TimeSpan.FromSeconds(20)));
        _log.ShouldBeEmpty();
    }

    private Task<MessageOutcome> HandleAsync(MessageDelivery delivery) =>
        new PlaceAtExchangeHandler(_exchange, new PlacementMetrics(TestMeters.Factory), new RecordingLogger<PlaceAtExchangeHandler>(_log)).HandleAsync(Accepted, delivery, CancellationToken.None);
}
