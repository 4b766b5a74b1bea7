namespace Orders.Application.Abstractions.Exchange;

/// <summary>
/// The exchange was not called: the adapter held the call back (the exchange is known to be failing), so this
/// call cannot have placed the order. Calling again after <see cref="RetryAfter"/> may succeed.
/// </summary>
public sealed class ExchangeNotCalledException(string message, TimeSpan retryAfter, Exception? innerException = null) : Exception(message, innerException)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
