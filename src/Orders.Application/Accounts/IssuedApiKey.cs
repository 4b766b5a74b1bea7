using Orders.Application.Abstractions.Accounts;
using Orders.Domain.Accounts;

namespace Orders.Application.Accounts;

/// <summary>A new key and its secret, to be shown once to whoever created it (the secret's ToString shows nothing of it).</summary>
public sealed record IssuedApiKey(string KeyId, Guid AccountId, ApiKeyRole Role, ApiKeySecret Secret)
{
    internal static IssuedApiKey Issue(IAccountRepository accounts, Guid accountId, ApiKeyRole role, DateTimeOffset now)
    {
        var (key, secret) = ApiKey.Issue(accountId, role, now);
        accounts.Add(key);
        return new IssuedApiKey(key.Id, accountId, role, secret);
    }
}
