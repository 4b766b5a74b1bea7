namespace Orders.Domain.Accounts;

public enum AccountStatus
{
    Active,
    Suspended,
}
