using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Accounts;
using Orders.Application.Audit;

namespace Orders.Application.Accounts.RevokeApiKey;

internal sealed class RevokeApiKeyCommandHandler(IAccountRepository accounts, OperatorAudit audit, TimeProvider timeProvider)
    : IRequestHandler<RevokeApiKeyCommand, Result<RevokedApiKey>>
{
    public async Task<Result<RevokedApiKey>> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        if (await accounts.FindKeyAsync(command.KeyId, cancellationToken) is not { } key)
        {
            return Result<RevokedApiKey>.NotFound($"Key '{command.KeyId}' was not found.");
        }

        key.Revoke(timeProvider.GetUtcNow());
        audit.Record("key.revoke", key.Id, $"A key of account {key.AccountId}");
        return new RevokedApiKey(key.Id, key.AccountId, key.RevokedAt!.Value);
    }
}
