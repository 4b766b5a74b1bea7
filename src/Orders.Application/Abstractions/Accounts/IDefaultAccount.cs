namespace Orders.Application.Abstractions.Accounts;

/// <summary>The account configured for callers without a key (Auth:DefaultAccount), created when missing.</summary>
public interface IDefaultAccount
{
    Task<Guid> IdAsync(CancellationToken cancellationToken);
}
