using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Accounts.CreateAccount;

/// <summary>An operator opens an account; it comes with its first client key.</summary>
public sealed record CreateAccountCommand(string Name) : ICommand<CreatedAccount>;

public sealed record CreatedAccount(AccountResponse Account, IssuedApiKey Key);
