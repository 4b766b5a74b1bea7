using Ardalis.Result;
using Orders.Application.Abstractions.Accounts;
using Orders.Domain.Accounts;

namespace Orders.Application.Accounts;

/// <summary>Operators name an account by its name or its id.</summary>
internal static class AccountReference
{
    public static async Task<Result<Account>> FindByReferenceAsync(this IAccountRepository accounts, string reference, CancellationToken cancellationToken)
    {
        var account = Guid.TryParse(reference, out var id)
            ? await accounts.FindAsync(id, cancellationToken)
            : await accounts.FindByNameAsync(reference, cancellationToken);
        return account is null ? Result<Account>.NotFound($"Account '{reference}' was not found.") : account;
    }
}
