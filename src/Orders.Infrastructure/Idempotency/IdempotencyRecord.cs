namespace Orders.Infrastructure.Idempotency;

/// <summary>An account's idempotency key with the request it was used for and that request's response.</summary>
internal sealed class IdempotencyRecord
{
    /// <summary>The caller's account: keys are chosen by clients, so each account has its own.</summary>
    public Guid AccountId { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of the request's canonical content.</summary>
    public required string Fingerprint { get; set; }

    public required string Response { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
