using Orders.Domain.Abstractions;

namespace Orders.Domain.Accounts;

/// <summary>
/// Who orders belong to. Its callers authenticate with its API keys. An operator may suspend it and set its own
/// risk limits, which replace the configured defaults (null: the default applies).
/// </summary>
public sealed class Account
{
    private Account(Guid id, string name, DateTime createdAt)
    {
        Id = id;
        Name = name;
        CreatedAt = createdAt;
        Status = AccountStatus.Active;
    }

    public Guid Id { get; private set; }

    /// <summary>Unique; operators name accounts by it.</summary>
    public string Name { get; private set; }

    public AccountStatus Status { get; private set; }

    /// <summary>The largest quantity of one order; null: the configured default.</summary>
    public int? MaxQuantity { get; private set; }

    /// <summary>The largest quantity × limit price of one limit order; null: the configured default.</summary>
    public decimal? MaxNotional { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    public static Account Open(string name, DateTimeOffset now) =>
        Open(Guid.CreateVersion7(now), name, now);

    /// <summary>The default account, under the id the migration gave it.</summary>
    public static Account OpenDefault(string name, DateTimeOffset now) =>
        Open(name == AccountRules.DefaultAccountName ? AccountRules.DefaultAccountId : Guid.CreateVersion7(now), name, now);

    public void Suspend() => Status = AccountStatus.Suspended;

    public void Resume() => Status = AccountStatus.Active;

    public void SetLimits(int? maxQuantity, decimal? maxNotional)
    {
        DomainException.Ensure(AccountRules.IsValidMaxQuantity(maxQuantity), AccountRules.MaxQuantityMessage);
        DomainException.Ensure(AccountRules.IsValidMaxNotional(maxNotional), AccountRules.MaxNotionalMessage);
        MaxQuantity = maxQuantity;
        MaxNotional = maxNotional;
    }

    private static Account Open(Guid id, string name, DateTimeOffset now)
    {
        DomainException.Ensure(AccountRules.IsValidName(name), AccountRules.NameMessage);
        return new Account(id, name, now.UtcDateTime);
    }
}
