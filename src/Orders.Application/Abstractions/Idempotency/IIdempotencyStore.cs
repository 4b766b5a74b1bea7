namespace Orders.Application.Abstractions.Idempotency;

/// <summary>Where idempotency keys, their request fingerprints and their responses are kept.</summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for this request in a write of its own, committed at once, so that concurrent
    /// requests with the key see it. A unique key settles races; an expired or abandoned claim is taken over.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(string key, string fingerprint, CancellationToken cancellationToken);

    /// <summary>Stores the response under the claim, inside the caller's open transaction.</summary>
    Task CompleteAsync(IdempotencyClaim claim, string response, CancellationToken cancellationToken);

    /// <summary>Gives the key back after a failure, so the client may retry it.</summary>
    Task ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken);
}

/// <summary>The outcome of a claim: this request's to carry out, or an earlier request's (still running or done).</summary>
public sealed record IdempotencyClaim(string Key, IdempotencyClaimOutcome Outcome, Guid Token, string Fingerprint, string? Response);

public enum IdempotencyClaimOutcome
{
    Claimed,
    InFlight,
    Completed,
}
