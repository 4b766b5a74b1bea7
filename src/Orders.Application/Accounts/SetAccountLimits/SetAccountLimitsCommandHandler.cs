using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Accounts;

namespace Orders.Application.Accounts.SetAccountLimits;

internal sealed class SetAccountLimitsCommandHandler(IAccountRepository accounts)
    : IRequestHandler<SetAccountLimitsCommand, Result<AccountResponse>>
{
    public async Task<Result<AccountResponse>> Handle(SetAccountLimitsCommand command, CancellationToken cancellationToken) =>
        (await accounts.FindByReferenceAsync(command.Account, cancellationToken)).Map(account =>
        {
            account.SetLimits(command.MaxQuantity, command.MaxNotional);
            return AccountResponse.From(account);
        });
}
