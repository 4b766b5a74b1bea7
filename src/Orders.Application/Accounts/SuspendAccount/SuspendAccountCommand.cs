using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Accounts.SuspendAccount;

/// <summary>An operator suspends an account (the kill switch).</summary>
public sealed record SuspendAccountCommand(string Account) : ICommand<AccountResponse>;
