namespace Orders.Application.Abstractions.Messaging;

/// <summary>
/// What became of a delivered message. A follow-up command is sent in the transaction that records the
/// outcome, so the change it makes commits with the message's outcome or not at all.
/// </summary>
public abstract record MessageOutcome(FollowUp? FollowUp)
{
    /// <summary>The message is done.</summary>
    public static MessageOutcome Done() => new Completed(FollowUp: null);

    /// <inheritdoc cref="Done()"/>
    public static MessageOutcome Done<TResponse>(ICommand<TResponse> followUp) => new Completed(Messaging.FollowUp.Of(followUp));

    /// <summary>A transient failure: the message is delivered again after a backoff.</summary>
    public static MessageOutcome RetryLater(string reason) => new Retry(reason);

    /// <summary>Trying again cannot help: the message is kept as a dead letter.</summary>
    public static MessageOutcome GiveUp(string reason) => new GivenUp(reason, FollowUp: null);

    /// <inheritdoc cref="GiveUp(string)"/>
    public static MessageOutcome GiveUp<TResponse>(string reason, ICommand<TResponse> followUp) => new GivenUp(reason, Messaging.FollowUp.Of(followUp));

    /// <summary>
    /// The message was not handed over at all (its destination held it back): no attempt is counted, and the
    /// message is due again after <paramref name="retryAfter"/>, with no backoff.
    /// </summary>
    public static MessageOutcome NotAttempted(TimeSpan retryAfter) => new HeldBack(retryAfter);

    public sealed record Completed(FollowUp? FollowUp) : MessageOutcome(FollowUp);

    public sealed record Retry(string Reason) : MessageOutcome(FollowUp: null);

    public sealed record GivenUp(string Reason, FollowUp? FollowUp) : MessageOutcome(FollowUp);

    public sealed record HeldBack(TimeSpan RetryAfter) : MessageOutcome(FollowUp: null);
}
