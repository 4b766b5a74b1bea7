using Orders.Domain.Accounts;

namespace Orders.Application.Accounts;

public sealed record AccountResponse(Guid Id, string Name, AccountStatus Status, int? MaxQuantity, decimal? MaxNotional, DateTime CreatedAt)
{
    internal static AccountResponse From(Account account) =>
        new(account.Id, account.Name, account.Status, account.MaxQuantity, account.MaxNotional, account.CreatedAt);
}
