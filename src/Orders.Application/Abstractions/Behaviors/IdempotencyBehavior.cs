using System.Text.Json;
using MediatR;
using Microsoft.Extensions.Logging;
using Orders.Application.Abstractions.Idempotency;
using Orders.Application.Abstractions.Persistence;
using Orders.Application.Abstractions.Results;

namespace Orders.Application.Abstractions.Behaviors;

/// <summary>
/// Makes a retried request safe. The first request with a key claims it, and its response is stored in the
/// same transaction as its effects; a repeat gets that response again, a different request under the key
/// is refused, and a repeat while the first is still running is told to come back.
/// </summary>
internal sealed class IdempotencyBehavior<TRequest, TResponse>(
    IIdempotencyStore store,
    IUnitOfWork unitOfWork,
    ILogger<IdempotencyBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IIdempotentCommand
    where TResponse : IResultFactory<TResponse>
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request.IdempotencyKey is not { } key)
        {
            return await next();
        }

        if (!IdempotencyKey.IsValid(key))
        {
            return Invalid(IdempotencyKey.InvalidMessage);
        }

        var fingerprint = IdempotencyKey.Fingerprint(request);
        var claim = await store.ClaimAsync(key, fingerprint, cancellationToken);
        if (claim.Outcome != IdempotencyClaimOutcome.Claimed)
        {
            return claim.Fingerprint != fingerprint ? Invalid(IdempotencyKey.ReusedMessage)
                : claim.Outcome == IdempotencyClaimOutcome.InFlight ? TResponse.Conflict(IdempotencyKey.InFlightMessage, RetryAfter)
                : TResponse.Replay(JsonSerializer.Deserialize(claim.Response!, TResponse.ValueType)!);
        }

        TResponse response;
        try
        {
            // The transaction behavior inside joins this transaction, so the response commits with the effects.
            await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
            response = await next();
            if (response.IsSuccess)
            {
                await store.CompleteAsync(claim, JsonSerializer.Serialize(response.BoxedValue, TResponse.ValueType), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return response;
            }
        }
        catch
        {
            await ReleaseAsync(claim);
            throw;
        }

        // A refused request changes nothing, so its key is free for a corrected retry.
        await ReleaseAsync(claim);
        return response;
    }

    private static TResponse Invalid(string message) =>
        TResponse.Invalid(new Dictionary<string, string[]> { [IdempotencyKey.HeaderName] = [message] });

    private async Task ReleaseAsync(IdempotencyClaim claim)
    {
        try
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The claim then lapses after its in-flight timeout; until then a retry is answered 409.
            logger.LogError(exception, "Idempotency key {Key} could not be released", claim.Key);
        }
    }
}
