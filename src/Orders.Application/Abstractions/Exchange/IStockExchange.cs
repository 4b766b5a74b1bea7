namespace Orders.Application.Abstractions.Exchange;

/// <summary>
/// The stock exchange, as the service needs it. Placement is idempotent on the client order id: asking
/// again for an id the exchange already has answers with the existing placement, never a second one.
/// </summary>
public interface IStockExchange
{
    /// <summary>Places the order and returns the exchange's own order id.</summary>
    /// <exception cref="ExchangeUnavailableException">The outcome is unknown or failed transiently: try again with the same client order id.</exception>
    /// <exception cref="ExchangeRejectedException">The exchange refused the order: trying again cannot help.</exception>
    /// <exception cref="ExchangeNotCalledException">The exchange was not called: not an attempt; call again after its <c>RetryAfter</c>.</exception>
    Task<string> PlaceOrderAsync(ExchangeOrder order, CancellationToken cancellationToken);
}
