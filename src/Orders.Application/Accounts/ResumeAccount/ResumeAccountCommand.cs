using Orders.Application.Abstractions.Accounts;
using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Accounts.ResumeAccount;

/// <summary>An operator lifts an account's suspension.</summary>
public sealed record ResumeAccountCommand(string Account) : ICommand<AccountResponse>, IChangesCredentials;
