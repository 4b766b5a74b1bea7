using Orders.Domain.Accounts;

namespace Orders.Application.Abstractions.Accounts;

/// <summary>Accounts and their keys; what is added or changed is written when the unit of work commits.</summary>
public interface IAccountRepository
{
    void Add(Account account);

    void Add(ApiKey key);

    /// <summary>The account, tracked for changes, or null.</summary>
    Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The account of that name, tracked for changes, or null.</summary>
    Task<Account?> FindByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>The key, tracked for changes, or null.</summary>
    Task<ApiKey?> FindKeyAsync(string keyId, CancellationToken cancellationToken);
}
