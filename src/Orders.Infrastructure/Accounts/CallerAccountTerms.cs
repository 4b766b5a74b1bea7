using Orders.Domain.Accounts;

namespace Orders.Infrastructure.Accounts;

/// <summary>
/// The caller's account as found with its key at the start of the request (scoped: one request's), from the key's read
/// or <see cref="CredentialsCache"/>. An order placed in the same request checks these instead of finding the account
/// a second time; they are as current as the key, so a suspension or a new limit applies from the next request.
/// </summary>
internal sealed class CallerAccountTerms
{
    public StoredAccountTerms? Read { get; set; }
}

/// <summary>An account's status and its own limits (null: the configured default applies).</summary>
internal sealed record StoredAccountTerms(Guid AccountId, AccountStatus Status, int? MaxQuantity, decimal? MaxNotional);

/// <summary>An API key as stored, with its account's terms (read together, in one query).</summary>
internal sealed record StoredKey(string Id, ApiKeyRole Role, byte[] SecretHash, DateTime? RevokedAt, DateTime? LastUsedAt, StoredAccountTerms Account);
