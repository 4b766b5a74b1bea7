using System.Globalization;
using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Accounts;
using Orders.Application.Audit;

namespace Orders.Application.Accounts.SetAccountLimits;

internal sealed class SetAccountLimitsCommandHandler(IAccountRepository accounts, OperatorAudit audit)
    : IRequestHandler<SetAccountLimitsCommand, Result<AccountResponse>>
{
    public async Task<Result<AccountResponse>> Handle(SetAccountLimitsCommand command, CancellationToken cancellationToken) =>
        (await accounts.FindByReferenceAsync(command.Account, cancellationToken)).Map(account =>
        {
            account.SetLimits(command.MaxQuantity, command.MaxNotional);
            audit.Record("account.limits", account.Name, string.Create(
                CultureInfo.InvariantCulture, $"Max quantity {command.MaxQuantity?.ToString(CultureInfo.InvariantCulture) ?? "default"}, max notional {command.MaxNotional?.ToString(CultureInfo.InvariantCulture) ?? "default"}"));
            return AccountResponse.From(account);
        });
}
