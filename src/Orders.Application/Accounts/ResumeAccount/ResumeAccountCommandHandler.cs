using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Accounts;

namespace Orders.Application.Accounts.ResumeAccount;

internal sealed class ResumeAccountCommandHandler(IAccountRepository accounts)
    : IRequestHandler<ResumeAccountCommand, Result<AccountResponse>>
{
    public async Task<Result<AccountResponse>> Handle(ResumeAccountCommand command, CancellationToken cancellationToken) =>
        (await accounts.FindByReferenceAsync(command.Account, cancellationToken)).Map(account =>
        {
            account.Resume();
            return AccountResponse.From(account);
        });
}
