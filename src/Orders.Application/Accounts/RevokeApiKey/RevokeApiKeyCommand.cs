using Orders.Application.Abstractions.Accounts;
using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Accounts.RevokeApiKey;

/// <summary>An operator revokes a key by its id: from the commit on, it authenticates no one.</summary>
public sealed record RevokeApiKeyCommand(string KeyId) : ICommand<RevokedApiKey>, IChangesCredentials;

public sealed record RevokedApiKey(string KeyId, Guid AccountId, DateTime RevokedAt);
