using Orders.Application.Abstractions.Accounts;
using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Accounts.SuspendAccount;

/// <summary>
/// An operator suspends an account (the kill switch); <paramref name="CancelOpenOrders"/>: its open orders are to be
/// cancelled next, by the mass cancel, once the suspension has committed.
/// </summary>
public sealed record SuspendAccountCommand(string Account, bool CancelOpenOrders) : ICommand<AccountResponse>, IChangesCredentials;
