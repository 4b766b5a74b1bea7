namespace Orders.Infrastructure.Idempotency;

/// <summary>A client's idempotency key: in flight until <see cref="CompletedAt"/> is set with the response.</summary>
internal sealed class IdempotencyRecord
{
    public required string Key { get; set; }

    /// <summary>SHA-256 of the request's canonical content.</summary>
    public required string Fingerprint { get; set; }

    /// <summary>The current claim's token: only its holder completes or releases the key.</summary>
    public Guid Token { get; set; }

    public string? Response { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
