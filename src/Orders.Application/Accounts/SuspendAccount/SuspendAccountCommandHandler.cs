using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Accounts;
using Orders.Application.Audit;

namespace Orders.Application.Accounts.SuspendAccount;

internal sealed class SuspendAccountCommandHandler(IAccountRepository accounts, OperatorAudit audit)
    : IRequestHandler<SuspendAccountCommand, Result<AccountResponse>>
{
    public async Task<Result<AccountResponse>> Handle(SuspendAccountCommand command, CancellationToken cancellationToken) =>
        (await accounts.FindByReferenceAsync(command.Account, cancellationToken)).Map(account =>
        {
            account.Suspend();
            audit.Record("account.suspend", account.Name, command.CancelOpenOrders ? "New orders refused; open orders cancelled" : "New orders refused");
            return AccountResponse.From(account);
        });
}
