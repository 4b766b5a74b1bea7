using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Accounts;
using Orders.Application.Audit;

namespace Orders.Application.Accounts.ResumeAccount;

internal sealed class ResumeAccountCommandHandler(IAccountRepository accounts, OperatorAudit audit)
    : IRequestHandler<ResumeAccountCommand, Result<AccountResponse>>
{
    public async Task<Result<AccountResponse>> Handle(ResumeAccountCommand command, CancellationToken cancellationToken) =>
        (await accounts.FindByReferenceAsync(command.Account, cancellationToken)).Map(account =>
        {
            account.Resume();
            audit.Record("account.resume", account.Name, "New orders accepted again");
            return AccountResponse.From(account);
        });
}
