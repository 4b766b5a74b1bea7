using System.Security.Cryptography;
using Orders.Domain.Abstractions;

namespace Orders.Domain.Accounts;

/// <summary>
/// A key of an account's: callers authenticate with its secret, of which only the hash is kept. Its id is public
/// (logs, the audit, revoking it name the key by its id); a revoked key authenticates no one, from then on.
/// </summary>
public sealed class ApiKey
{
    public const string IdPrefix = "key_";

    /// <summary>The id's length: the prefix and 16 hexadecimal digits.</summary>
    public const int IdLength = 20;

    /// <summary>Last-used times are kept to this precision, so that using a key rarely costs a write.</summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    private ApiKey(string id, Guid accountId, byte[] secretHash, ApiKeyRole role, DateTime createdAt)
    {
        Id = id;
        AccountId = accountId;
        SecretHash = secretHash;
        Role = role;
        CreatedAt = createdAt;
    }

    public string Id { get; private set; }

    public Guid AccountId { get; private set; }

    /// <summary>SHA-256 of the secret (<see cref="ApiKeySecret"/>).</summary>
    public byte[] SecretHash { get; private set; }

    public ApiKeyRole Role { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC; null while the key is valid.</summary>
    public DateTime? RevokedAt { get; private set; }

    /// <summary>UTC, to <see cref="LastUsedPrecision"/>; null until the key is first used.</summary>
    public DateTime? LastUsedAt { get; private set; }

    /// <summary>A new key for the account, and its secret, which exists nowhere else: it is shown once.</summary>
    public static (ApiKey Key, ApiKeySecret Secret) Issue(Guid accountId, ApiKeyRole role, DateTimeOffset now)
    {
        DomainException.Ensure(Enum.IsDefined(role), "Unknown key role");
        var secret = ApiKeySecret.New();
        var id = IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((IdLength - IdPrefix.Length) / 2));
        return (new ApiKey(id, accountId, secret.Hash, role, now.UtcDateTime), secret);
    }

    /// <summary>Whether an id can be a key's, as it is typed to revoke it.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: IdLength } && id.StartsWith(IdPrefix, StringComparison.Ordinal) && !id.AsSpan(IdPrefix.Length).ContainsAnyExcept("0123456789abcdef");

    /// <summary>Revoking again keeps the first revocation's time.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now.UtcDateTime;
}
