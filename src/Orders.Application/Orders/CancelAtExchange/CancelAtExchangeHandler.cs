using Microsoft.Extensions.Logging;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Messaging;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.CancelAtExchange;

/// <summary>
/// Asks the exchange to cancel an order. Its answer, cancelled or refused as too late, comes later as an execution
/// report; this message is done once the exchange has the request. Failures are retried until the give-up deadline.
/// </summary>
internal sealed class CancelAtExchangeHandler(IStockExchange exchange, ILogger<CancelAtExchangeHandler> logger)
    : IMessageHandler<OrderCancelRequestedDomainEvent>
{
    public async Task<MessageOutcome> HandleAsync(OrderCancelRequestedDomainEvent requested, MessageDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await exchange.CancelOrderAsync(requested.OrderId, cancellationToken);
            return MessageOutcome.Done();
        }
        catch (ExchangeNotCalledException notCalled)
        {
            // Not logged: the exchange adapter tells of its outage itself.
            return MessageOutcome.NotAttempted(notCalled.RetryAfter);
        }
        catch (Exception failure) when (delivery.IsFinal)
        {
            logger.LogError(failure, "Cancel of order {OrderId} given up: not sent within {GiveUpAfter} ({Attempts} attempts)", requested.OrderId, delivery.GiveUpAfter, delivery.Attempt);
            return MessageOutcome.GiveUp($"Cancel not sent within {delivery.GiveUpAfter} ({delivery.Attempt} attempts): {failure.Message}");
        }
        catch (Exception failure)
        {
            logger.LogDebug("Cancelling order {OrderId} failed (attempt {Attempt}): {Error}", requested.OrderId, delivery.Attempt, failure.Message);
            return MessageOutcome.RetryLater(failure.Message);
        }
    }
}
