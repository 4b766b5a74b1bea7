using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Accounts;

namespace Orders.Application.Accounts.CreateApiKey;

internal sealed class CreateApiKeyCommandHandler(IAccountRepository accounts, TimeProvider timeProvider)
    : IRequestHandler<CreateApiKeyCommand, Result<IssuedApiKey>>
{
    public async Task<Result<IssuedApiKey>> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken) =>
        (await accounts.FindByReferenceAsync(command.Account, cancellationToken))
            .Map(account => IssuedApiKey.Issue(accounts, account.Id, command.Role, timeProvider.GetUtcNow()));
}
