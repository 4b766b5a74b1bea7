using Orders.Application.Abstractions.Messaging;

namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>
/// What became of one claimed row; it is recorded, and its follow-up sent, only while the row's claim is still held.
/// </summary>
internal abstract record DispatchOutcome(ClaimedOutboxMessage Message, FollowUp? FollowUp)
{
    /// <summary>The handler is done with the message: the row is processed.</summary>
    public sealed record Done(ClaimedOutboxMessage Message, FollowUp? FollowUp) : DispatchOutcome(Message, FollowUp);

    /// <summary>A transient failure: the row waits for its next attempt.</summary>
    public sealed record Retry(ClaimedOutboxMessage Message, string Error, TimeSpan Delay) : DispatchOutcome(Message, FollowUp: null);

    /// <summary>
    /// Not attempted: the message was not handed over at all (its destination held the call back). The claim's
    /// attempt is given back, and the row is due again within <paramref name="Delay"/>, with no backoff.
    /// </summary>
    public sealed record NotAttempted(ClaimedOutboxMessage Message, TimeSpan Delay) : DispatchOutcome(Message, FollowUp: null);

    /// <summary>Given up: the row stays as a dead letter.</summary>
    public sealed record DeadLettered(ClaimedOutboxMessage Message, string Reason, FollowUp? FollowUp) : DispatchOutcome(Message, FollowUp);
}
