namespace Orders.Application.Abstractions.Exchange;

/// <summary>The exchange could not be reached or did not answer in time; the order may or may not be placed.</summary>
public sealed class ExchangeUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
