namespace Orders.Application.Abstractions.Messaging;

/// <summary>
/// This delivery of a message: <paramref name="Attempt"/> counts it (held-back deliveries excepted), and
/// <paramref name="IsFinal"/> says the message is older than <paramref name="GiveUpAfter"/>, so a failure now
/// is given up rather than retried.
/// </summary>
public sealed record MessageDelivery(int Attempt, TimeSpan GiveUpAfter, bool IsFinal);
