namespace Orders.Infrastructure.Outbox;

/// <summary>What became of one claimed row; it is recorded only while the row's claim is still held.</summary>
internal abstract record DispatchOutcome(ClaimedOutboxMessage Message)
{
    /// <summary>The exchange confirmed: the row is done and the order placed.</summary>
    public sealed record Placed(ClaimedOutboxMessage Message, Guid OrderId, string ExchangeOrderId) : DispatchOutcome(Message);

    /// <summary>A transient failure: the row waits for its next attempt.</summary>
    public sealed record Retry(ClaimedOutboxMessage Message, string Error, TimeSpan Delay) : DispatchOutcome(Message);

    /// <summary>
    /// Not attempted: the message was not handed over at all (its destination held the call back). The claim's
    /// attempt is given back, and the row is due again within <paramref name="Delay"/>, with no backoff.
    /// </summary>
    public sealed record NotAttempted(ClaimedOutboxMessage Message, TimeSpan Delay) : DispatchOutcome(Message);

    /// <summary>Given up: the row stays as a dead letter, and the order (when there is one) fails with the reason.</summary>
    public sealed record DeadLettered(ClaimedOutboxMessage Message, string Reason, Guid? OrderId) : DispatchOutcome(Message);
}
