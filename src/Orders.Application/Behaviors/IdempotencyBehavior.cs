using System.Text.Json;
using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Idempotency;
using Orders.Application.Abstractions.Persistence;
using Orders.Application.Idempotency;

namespace Orders.Application.Behaviors;

/// <summary>
/// Makes a retried request safe. The key is stored with the response in the same transaction as the request's
/// effects, so it is taken exactly when they commit; a repeat gets that response again and a different request
/// under the key is refused. A repeat that arrives while the first is still running waits for it in the
/// database, then gets its response, or is carried out itself if the first failed.
/// </summary>
internal sealed class IdempotencyBehavior<TRequest, TResponse>(
    IIdempotencyStore store, IUnitOfWork unitOfWork, IdempotentReplay replay, IdempotencyMetrics metrics)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IIdempotentCommand
    where TResponse : IResult
{
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

        // The transaction behavior inside joins this transaction, so the key commits with the effects or not at all.
        // A repeat is found by the insert of its key, after the handler: no lookup costs the first request a round
        // trip, and a repeat's handler only builds what its rolled-back transaction then drops.
        var fingerprint = IdempotencyKey.Fingerprint(request);
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var response = await next();
        if (!ResponseResult<TResponse>.IsSuccess(response))
        {
            return response; // a refused request changes nothing, so its key stays free for a corrected retry
        }

        var stored = new IdempotentRequest(fingerprint, JsonSerializer.Serialize(response.GetValue(), ResponseResult<TResponse>.ValueType));
        if (await store.TryStoreAsync(request.AccountId, key, stored, cancellationToken) is { } first)
        {
            return Repeat(first, fingerprint); // an earlier request with the key committed first; this one rolls back
        }

        await transaction.CommitAsync(cancellationToken);
        return response;
    }

    private TResponse Repeat(IdempotentRequest earlier, string fingerprint)
    {
        if (earlier.Fingerprint != fingerprint)
        {
            metrics.Conflicted();
            return Invalid(IdempotencyKey.ReusedMessage);
        }

        metrics.Replayed();
        replay.Mark();
        return ResponseResult<TResponse>.Success(JsonSerializer.Deserialize(earlier.Response, ResponseResult<TResponse>.ValueType)!);
    }

    private static TResponse Invalid(string message) =>
        ResponseResult<TResponse>.Invalid([new ValidationError(IdempotencyKey.HeaderName, message)]);
}
