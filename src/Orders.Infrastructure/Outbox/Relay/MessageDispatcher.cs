using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Messaging;
using Orders.Infrastructure.Resilience;

namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>
/// Delivers one claimed row to its handler and turns the handler's answer into the row's outcome: poison (unknown
/// type, unreadable payload) is dead-lettered at once, a failure waits out its backoff, and a failure past the
/// give-up deadline is dead-lettered.
/// </summary>
internal sealed class MessageDispatcher(
    IServiceScopeFactory scopeFactory,
    MessageRoutes routes,
    IOptions<OutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<MessageDispatcher> logger)
{
    private readonly OutboxOptions _options = options.Value;

    public async Task<DispatchOutcome> DispatchAsync(ClaimedOutboxMessage message)
    {
        if (routes.Read(message, out var problem) is not { } read)
        {
            logger.LogError("Outbox message {MessageId} dead-lettered: {Problem}", message.Id, problem);
            return new DispatchOutcome.DeadLettered(message, problem, FollowUp: null);
        }

        var delivery = new MessageDelivery(
            message.Attempts, _options.GiveUpAfter, timeProvider.GetUtcNow().UtcDateTime - message.OccurredAt >= _options.GiveUpAfter);
        MessageOutcome outcome;
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();

            // Not cancelled by shutdown: a call in flight is finished and recorded rather than abandoned.
            outcome = await read.HandleAsync(scope.ServiceProvider, delivery, CancellationToken.None);
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "Outbox message {MessageId} ({Type}): its handler failed", message.Id, message.Type);
            outcome = MessageOutcome.RetryLater(failure.Message);
        }

        return outcome switch
        {
            MessageOutcome.Completed done => new DispatchOutcome.Done(message, done.FollowUp),
            MessageOutcome.HeldBack heldBack => new DispatchOutcome.NotAttempted(message, heldBack.RetryAfter),
            MessageOutcome.GivenUp givenUp => new DispatchOutcome.DeadLettered(message, givenUp.Reason, givenUp.FollowUp),
            MessageOutcome.Retry retry when delivery.IsFinal => GiveUp(message, retry.Reason),
            MessageOutcome.Retry retry => new DispatchOutcome.Retry(
                message, retry.Reason, Backoff.Delay(message.Attempts, _options.BaseBackoff, _options.MaxBackoff, Random.Shared.NextDouble())),
            _ => throw new InvalidOperationException($"Unknown message outcome {outcome.GetType().Name}."),
        };
    }

    // The deadline holds whatever the handler says: a message past it is never retried.
    private DispatchOutcome.DeadLettered GiveUp(ClaimedOutboxMessage message, string reason)
    {
        logger.LogError("Outbox message {MessageId} ({Type}) dead-lettered: still failing after {GiveUpAfter}", message.Id, message.Type, _options.GiveUpAfter);
        return new DispatchOutcome.DeadLettered(message, $"Not done within {_options.GiveUpAfter} ({message.Attempts} attempts): {reason}", FollowUp: null);
    }
}
