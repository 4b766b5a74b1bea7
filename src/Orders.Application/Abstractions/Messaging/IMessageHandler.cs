namespace Orders.Application.Abstractions.Messaging;

/// <summary>
/// Handles one kind of message the outbox relay delivers. It says what became of the message; the relay
/// records that, with the outcome's follow-up, only while it still holds the message's claim.
/// </summary>
public interface IMessageHandler<in TMessage>
{
    /// <summary>Called with no transaction open: the handler may call out, and must not change stored state itself.</summary>
    Task<MessageOutcome> HandleAsync(TMessage message, MessageDelivery delivery, CancellationToken cancellationToken);
}
