using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Accounts;

namespace Orders.Application.Accounts.SuspendAccount;

internal sealed class SuspendAccountCommandHandler(IAccountRepository accounts)
    : IRequestHandler<SuspendAccountCommand, Result<AccountResponse>>
{
    public async Task<Result<AccountResponse>> Handle(SuspendAccountCommand command, CancellationToken cancellationToken) =>
        (await accounts.FindByReferenceAsync(command.Account, cancellationToken)).Map(account =>
        {
            account.Suspend();
            return AccountResponse.From(account);
        });
}
