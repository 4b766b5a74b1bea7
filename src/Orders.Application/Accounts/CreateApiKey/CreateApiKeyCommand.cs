using Orders.Application.Abstractions.Messaging;
using Orders.Domain.Accounts;

namespace Orders.Application.Accounts.CreateApiKey;

/// <summary>An operator gives an account (by name or id) another key.</summary>
public sealed record CreateApiKeyCommand(string Account, ApiKeyRole Role) : ICommand<IssuedApiKey>;
