namespace Orders.Infrastructure.Idempotency;

/// <summary>A client's idempotency key with the request it was used for and that request's response.</summary>
internal sealed class IdempotencyRecord
{
    public required string Key { get; set; }

    /// <summary>SHA-256 of the request's canonical content.</summary>
    public required string Fingerprint { get; set; }

    public required string Response { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
