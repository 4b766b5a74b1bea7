using Orders.Application.Abstractions.Accounts;
using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Accounts.SetAccountLimits;

/// <summary>An operator sets an account's own risk limits; a null limit goes back to the configured default.</summary>
public sealed record SetAccountLimitsCommand(string Account, int? MaxQuantity, decimal? MaxNotional) : ICommand<AccountResponse>, IChangesCredentials;
