using Microsoft.Extensions.Logging;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Messaging;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceAtExchange;

/// <summary>
/// Places an accepted order at the exchange and says what the exchange's answer means for it: placed, tried
/// again later, failed for good (rejected, or still failing past the give-up deadline), or not attempted.
/// </summary>
internal sealed class PlaceAtExchangeHandler(IStockExchange exchange, ILogger<PlaceAtExchangeHandler> logger)
    : IMessageHandler<OrderAcceptedDomainEvent>
{
    public async Task<MessageOutcome> HandleAsync(OrderAcceptedDomainEvent accepted, MessageDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            var exchangeOrderId = await exchange.PlaceOrderAsync(ExchangeOrder.From(accepted), cancellationToken);
            return MessageOutcome.Done(new RecordPlacementCommand(accepted.OrderId, exchangeOrderId));
        }
        catch (ExchangeRejectedException rejected)
        {
            logger.LogError("Order {OrderId} rejected by the exchange: {Reason}", accepted.OrderId, rejected.Message);
            return Fail(accepted, $"Rejected by the exchange: {rejected.Message}");
        }
        catch (ExchangeNotCalledException notCalled)
        {
            // Not logged: the exchange adapter tells of its outage itself, and a line per held-back order would bury that.
            return MessageOutcome.NotAttempted(notCalled.RetryAfter);
        }
        catch (Exception failure) when (delivery.IsFinal)
        {
            logger.LogError(failure, "Order {OrderId} failed: not placed within {GiveUpAfter} ({Attempts} attempts)", accepted.OrderId, delivery.GiveUpAfter, delivery.Attempt);
            return Fail(accepted, $"Not placed within {delivery.GiveUpAfter} ({delivery.Attempt} attempts): {failure.Message}");
        }
        catch (Exception failure)
        {
            // Routine (the exchange fails about one call in ten): the outbox keeps the error, no warning.
            logger.LogDebug("Placing order {OrderId} failed (attempt {Attempt}): {Error}", accepted.OrderId, delivery.Attempt, failure.Message);
            return MessageOutcome.RetryLater(failure.Message);
        }
    }

    private static MessageOutcome Fail(OrderAcceptedDomainEvent accepted, string reason) =>
        MessageOutcome.GiveUp(reason, new RecordPlacementFailureCommand(accepted.OrderId, reason));
}
