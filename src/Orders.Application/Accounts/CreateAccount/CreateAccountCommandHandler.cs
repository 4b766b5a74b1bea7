using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Accounts;
using Orders.Application.Audit;
using Orders.Domain.Accounts;

namespace Orders.Application.Accounts.CreateAccount;

internal sealed class CreateAccountCommandHandler(IAccountRepository accounts, OperatorAudit audit, TimeProvider timeProvider)
    : IRequestHandler<CreateAccountCommand, Result<CreatedAccount>>
{
    public async Task<Result<CreatedAccount>> Handle(CreateAccountCommand command, CancellationToken cancellationToken)
    {
        if (await accounts.FindByNameAsync(command.Name, cancellationToken) is not null)
        {
            return Result<CreatedAccount>.Conflict($"An account named '{command.Name}' already exists.");
        }

        var now = timeProvider.GetUtcNow();
        var account = Account.Open(command.Name, now);
        accounts.Add(account);
        var key = IssuedApiKey.Issue(accounts, account.Id, ApiKeyRole.Client, now);
        audit.Record("account.create", account.Name, $"Account {account.Id} with client key {key.KeyId}");
        return new CreatedAccount(AccountResponse.From(account), key);
    }
}
