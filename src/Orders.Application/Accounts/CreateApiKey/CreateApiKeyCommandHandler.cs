using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Accounts;
using Orders.Application.Audit;

namespace Orders.Application.Accounts.CreateApiKey;

internal sealed class CreateApiKeyCommandHandler(IAccountRepository accounts, OperatorAudit audit, TimeProvider timeProvider)
    : IRequestHandler<CreateApiKeyCommand, Result<IssuedApiKey>>
{
    public async Task<Result<IssuedApiKey>> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken) =>
        (await accounts.FindByReferenceAsync(command.Account, cancellationToken))
            .Map(account =>
            {
                var key = IssuedApiKey.Issue(accounts, account.Id, command.Role, timeProvider.GetUtcNow());
                audit.Record("key.create", key.KeyId, $"A {command.Role.ToString().ToLowerInvariant()} key of account {account.Name}");
                return key;
            });
}
