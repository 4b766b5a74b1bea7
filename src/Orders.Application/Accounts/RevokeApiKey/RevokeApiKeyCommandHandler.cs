using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Accounts;

namespace Orders.Application.Accounts.RevokeApiKey;

internal sealed class RevokeApiKeyCommandHandler(IAccountRepository accounts, TimeProvider timeProvider)
    : IRequestHandler<RevokeApiKeyCommand, Result<RevokedApiKey>>
{
    public async Task<Result<RevokedApiKey>> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        if (await accounts.FindKeyAsync(command.KeyId, cancellationToken) is not { } key)
        {
            return Result<RevokedApiKey>.NotFound($"Key '{command.KeyId}' was not found.");
        }

        key.Revoke(timeProvider.GetUtcNow());
        return new RevokedApiKey(key.Id, key.AccountId, key.RevokedAt!.Value);
    }
}
