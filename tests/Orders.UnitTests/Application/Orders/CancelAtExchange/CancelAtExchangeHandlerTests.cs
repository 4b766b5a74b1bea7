using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Messaging;
using Orders.Application.Orders.CancelAtExchange;
using Orders.Domain.Orders;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Orders.CancelAtExchange;

public sealed class CancelAtExchangeHandlerTests
{
    private static readonly OrderCancelRequestedDomainEvent Requested = new(Guid.NewGuid());
    private static readonly MessageDelivery FirstAttempt = new(1, TimeSpan.FromHours(1), IsFinal: false);
    private static readonly MessageDelivery PastDeadline = new(9, TimeSpan.FromHours(1), IsFinal: true);

    private readonly FakeStockExchange _exchange = new();
    private readonly List<string> _log = [];

    [Fact]
    public async Task A_cancel_the_exchange_takes_is_done_by_the_orders_id_and_changes_nothing_until_its_report()
    {
        var outcome = await HandleAsync(FirstAttempt);

        _exchange.Cancels.ShouldBe([Requested.OrderId]);
        outcome.ShouldBe(MessageOutcome.Done());
        outcome.FollowUp.ShouldBeNull();
    }

    [Fact]
    public async Task A_failed_call_before_the_deadline_is_retried()
    {
        _exchange.CancelAnswer = _ => throw new ExchangeUnavailableException("timed out");

        var outcome = await HandleAsync(FirstAttempt);

        outcome.ShouldBe(MessageOutcome.RetryLater("timed out"));
        _log.ShouldNotContain(line => line.StartsWith("Error"));
    }

    [Fact]
    public async Task A_failed_call_past_the_deadline_is_given_up_and_logged_as_an_error()
    {
        _exchange.CancelAnswer = _ => throw new ExchangeUnavailableException("timed out");

        var outcome = await HandleAsync(PastDeadline);

        outcome.ShouldBe(MessageOutcome.GiveUp("Cancel not sent within 01:00:00 (9 attempts): timed out"));
        _log.ShouldContain(line => line.StartsWith($"Error: Cancel of order {Requested.OrderId} given up"));
    }

    [Fact]
    public async Task A_call_the_adapter_held_back_is_not_an_attempt_and_comes_back_when_the_exchange_may_be_called()
    {
        _exchange.CancelAnswer = _ => throw new ExchangeNotCalledException("circuit open", TimeSpan.FromSeconds(20));

        var outcome = await HandleAsync(PastDeadline);

        outcome.ShouldBe(MessageOutcome.NotAttempted(TimeSpan.FromSeconds(20)));
        _log.ShouldBeEmpty();
    }

    private Task<MessageOutcome> HandleAsync(MessageDelivery delivery) =>
        new CancelAtExchangeHandler(_exchange, new RecordingLogger<CancelAtExchangeHandler>(_log)).HandleAsync(Requested, delivery, CancellationToken.None);
}
