using Orders.Domain.Accounts;

namespace Orders.Application.Abstractions.Accounts;

/// <summary>Finds who a caller is by the secret of the key it presents (or its session names); one indexed query, no cache (a revocation counts at once).</summary>
public interface IApiKeyDirectory
{
    /// <summary>The key with this secret, revoked or not, or null when there is none. Records its use (coarsely).</summary>
    Task<KnownApiKey?> FindAsync(ApiKeySecret secret, CancellationToken cancellationToken);

    /// <summary>The key with this id, revoked or not, or null: for a session that names its key. Records its use (coarsely).</summary>
    Task<KnownApiKey?> FindByIdAsync(string keyId, CancellationToken cancellationToken);
}

/// <summary>A stored key, as authentication needs it.</summary>
public sealed record KnownApiKey(string KeyId, Guid AccountId, ApiKeyRole Role, bool IsRevoked);
