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

    /// <summary>
    /// Asks the exchange to cancel what is left of an order, by its client order id; idempotent like placement. The
    /// answer comes as an execution report: <see cref="ExecutionKind.Cancelled"/>, or
    /// <see cref="ExecutionKind.CancelRejected"/> when nothing is left to fill or the order is unknown.
    /// </summary>
    /// <exception cref="ExchangeUnavailableException">The outcome is unknown or failed transiently: try again.</exception>
    /// <exception cref="ExchangeNotCalledException">The exchange was not called: call again after its <c>RetryAfter</c>.</exception>
    Task CancelOrderAsync(Guid clientOrderId, CancellationToken cancellationToken);

    /// <summary>What the exchange holds for a client order id: how an unknown outcome is resolved.</summary>
    /// <exception cref="ExchangeUnavailableException">The exchange could not answer: try again.</exception>
    /// <exception cref="ExchangeNotCalledException">The exchange was not called: call again after its <c>RetryAfter</c>.</exception>
    Task<ExchangeOrderStatus> GetOrderStatusAsync(Guid clientOrderId, CancellationToken cancellationToken);

    /// <summary>
    /// The reports of a session after <paramref name="afterSequence"/>, at most <paramref name="limit"/>, in sequence
    /// order: how a receiver fetches what it missed. A null session means the exchange's current one.
    /// </summary>
    /// <exception cref="ExchangeUnavailableException">The exchange could not answer: try again.</exception>
    /// <exception cref="ExchangeNotCalledException">The exchange was not called: call again after its <c>RetryAfter</c>.</exception>
    Task<ExecutionsPage> GetExecutionsAsync(string? sessionId, long afterSequence, int limit, CancellationToken cancellationToken);
}
