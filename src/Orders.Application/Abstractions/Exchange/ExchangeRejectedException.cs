namespace Orders.Application.Abstractions.Exchange;

/// <summary>The exchange answered and refused the order for good.</summary>
public sealed class ExchangeRejectedException(string message) : Exception(message);
