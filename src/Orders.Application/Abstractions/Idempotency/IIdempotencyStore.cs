namespace Orders.Application.Abstractions.Idempotency;

/// <summary>Where idempotency keys, their request fingerprints and their responses are kept.</summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Stores the response under the account's key inside the caller's open transaction, so the key is taken exactly when
    /// the request's effects commit: a request that dies leaves nothing behind. A concurrent request that holds
    /// the key uncommitted makes this wait for its outcome. Returns null when stored, or the request that took
    /// the key first, in which case the caller's transaction must not commit.
    /// </summary>
    Task<IdempotentRequest?> TryStoreAsync(Guid accountId, string key, IdempotentRequest request, CancellationToken cancellationToken);
}

/// <summary>A completed request under a key: what it asked for (its fingerprint) and what it was answered.</summary>
public sealed record IdempotentRequest(string Fingerprint, string Response);
