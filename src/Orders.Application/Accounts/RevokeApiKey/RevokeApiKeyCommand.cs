using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Accounts.RevokeApiKey;

/// <summary>An operator revokes a key by its id: from the commit on, it authenticates no one.</summary>
public sealed record RevokeApiKeyCommand(string KeyId) : ICommand<RevokedApiKey>;

public sealed record RevokedApiKey(string KeyId, Guid AccountId, DateTime RevokedAt);
