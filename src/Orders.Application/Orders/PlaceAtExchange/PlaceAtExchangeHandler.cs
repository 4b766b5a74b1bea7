using Microsoft.Extensions.Logging;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Messaging;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceAtExchange;

/// <summary>
/// Places an accepted order at the exchange and says what the exchange's answer means for it: placed, tried
/// again later, failed for good (rejected, or still failing past the give-up deadline), or not attempted. An earlier
/// attempt's outcome is unknown (a lost reply, a timeout, a crash), so before placing again or giving up the exchange
/// is asked whether it holds the order (FIX's order status request); an order given up on is withdrawn at the exchange.
/// Each outcome is counted (<see cref="PlacementMetrics"/>).
/// </summary>
internal sealed class PlaceAtExchangeHandler(IStockExchange exchange, PlacementMetrics metrics, ILogger<PlaceAtExchangeHandler> logger)
    : IMessageHandler<OrderAcceptedDomainEvent>
{
    public async Task<MessageOutcome> HandleAsync(OrderAcceptedDomainEvent accepted, MessageDelivery delivery, CancellationToken cancellationToken)
    {
        var (outcome, counted) = await PlaceAsync(accepted, delivery, cancellationToken);
        metrics.Record(counted);
        return outcome;
    }

    private async Task<(MessageOutcome Outcome, PlacementOutcome Counted)> PlaceAsync(
        OrderAcceptedDomainEvent accepted, MessageDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            if (delivery.Attempt > 1 && await HeldAtExchangeAsync(accepted.OrderId, cancellationToken) is { } held)
            {
                logger.LogInformation("Order {OrderId}: the exchange holds it as {ExchangeOrderId}; an earlier attempt placed it", accepted.OrderId, held);
                return Placed(accepted, held);
            }

            return Placed(accepted, await exchange.PlaceOrderAsync(ExchangeOrder.From(accepted), cancellationToken));
        }
        catch (ExchangeRejectedException rejected)
        {
            logger.LogError("Order {OrderId} rejected by the exchange: {Reason}", accepted.OrderId, rejected.Message);
            var reason = $"Rejected by the exchange: {rejected.Message}";
            return (MessageOutcome.GiveUp(reason, new RecordPlacementFailureCommand(accepted.OrderId, reason)), PlacementOutcome.Rejected);
        }
        catch (ExchangeNotCalledException notCalled)
        {
            // Not logged: the exchange adapter tells of its outage itself, and a line per held-back order would bury that.
            return (MessageOutcome.NotAttempted(notCalled.RetryAfter), PlacementOutcome.NotAttempted);
        }
        catch (Exception failure) when (delivery.IsFinal)
        {
            return await GiveUpAsync(accepted, delivery, failure, cancellationToken);
        }
        catch (Exception failure)
        {
            // Routine (the exchange fails about one call in ten): the outbox keeps the error, no warning.
            logger.LogDebug("Placing order {OrderId} failed (attempt {Attempt}): {Error}", accepted.OrderId, delivery.Attempt, failure.Message);
            return (MessageOutcome.RetryLater(failure.Message), PlacementOutcome.Retry);
        }
    }

    // The last attempt failed with its outcome unknown: asked once more, the exchange may say it holds the order after
    // all. Otherwise the order fails, and is withdrawn at the exchange in case a request of it still lands there.
    private async Task<(MessageOutcome Outcome, PlacementOutcome Counted)> GiveUpAsync(OrderAcceptedDomainEvent accepted, MessageDelivery delivery, Exception failure, CancellationToken cancellationToken)
    {
        try
        {
            if (await HeldAtExchangeAsync(accepted.OrderId, cancellationToken) is { } held)
            {
                return Placed(accepted, held);
            }
        }
        catch (Exception unanswered) when (unanswered is ExchangeUnavailableException or ExchangeNotCalledException)
        {
            logger.LogDebug("Order {OrderId}: the exchange could not say whether it holds it: {Error}", accepted.OrderId, unanswered.Message);
        }

        logger.LogError(failure, "Order {OrderId} failed: not placed within {GiveUpAfter} ({Attempts} attempts)", accepted.OrderId, delivery.GiveUpAfter, delivery.Attempt);
        var reason = $"Not placed within {delivery.GiveUpAfter} ({delivery.Attempt} attempts): {failure.Message}";
        return (MessageOutcome.GiveUp(reason, new RecordPlacementFailureCommand(accepted.OrderId, reason, MayBeAtExchange: true)), PlacementOutcome.DeadLettered);
    }

    // The exchange's order id when it holds the order, null when it never has.
    private async Task<string?> HeldAtExchangeAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var status = await exchange.GetOrderStatusAsync(orderId, cancellationToken);
        return status.State == ExchangeOrderState.Unknown ? null : status.ExchangeOrderId;
    }

    private static (MessageOutcome, PlacementOutcome) Placed(OrderAcceptedDomainEvent accepted, string exchangeOrderId) =>
        (MessageOutcome.Done(new RecordPlacementCommand(accepted.OrderId, exchangeOrderId)), PlacementOutcome.Placed);
}
