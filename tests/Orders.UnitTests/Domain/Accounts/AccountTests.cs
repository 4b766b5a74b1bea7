using Orders.Domain.Abstractions;
using Orders.Domain.Accounts;

namespace Orders.UnitTests.Domain.Accounts;

public sealed class AccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(2));

    [Fact]
    public void A_new_account_is_active_with_the_default_limits_and_a_version_7_id()
    {
        var account = Account.Open("alice", Now);

        (account.Name, account.Status, account.MaxQuantity, account.MaxNotional, account.CreatedAt)
            .ShouldBe(("alice", AccountStatus.Active, (int?)null, (decimal?)null, Now.UtcDateTime));
        account.Id.Version.ShouldBe(7);
    }

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("ünïcode")]
    [InlineData("a/b")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 65
    public void A_name_that_is_not_1_to_64_plain_characters_is_refused(string name) =>
        Should.Throw<DomainException>(() => Account.Open(name, Now)).Message.ShouldBe(AccountRules.NameMessage);

    [Fact]
    public void The_default_account_named_default_has_the_migrations_fixed_id_and_another_name_a_new_one()
    {
        Account.OpenDefault("default", Now).Id.ShouldBe(AccountRules.DefaultAccountId);
        Account.OpenDefault("house", Now).Id.ShouldNotBe(AccountRules.DefaultAccountId);
    }

    [Fact]
    public void Suspending_and_resuming_switch_the_status()
    {
        var account = Account.Open("alice", Now);

        account.Suspend();
        account.Status.ShouldBe(AccountStatus.Suspended);
        account.Resume();
        account.Status.ShouldBe(AccountStatus.Active);
    }

    [Fact]
    public void Limits_are_set_and_cleared_back_to_the_defaults()
    {
        var account = Account.Open("alice", Now);

        account.SetLimits(500, 100_000.50m);
        (account.MaxQuantity, account.MaxNotional).ShouldBe((500, 100_000.50m));
        account.SetLimits(null, null);
        (account.MaxQuantity, account.MaxNotional).ShouldBe(((int?)null, (decimal?)null));
    }

    [Theory]
    [InlineData(0, null, AccountRules.MaxQuantityMessage)]
    [InlineData(-1, null, AccountRules.MaxQuantityMessage)]
    [InlineData(null, "0", AccountRules.MaxNotionalMessage)]
    [InlineData(null, "10.001", AccountRules.MaxNotionalMessage)]
    public void A_limit_that_is_not_positive_is_refused_and_changes_nothing(int? maxQuantity, string? maxNotional, string message)
    {
        var account = Account.Open("alice", Now);

        Should.Throw<DomainException>(() => account.SetLimits(maxQuantity, maxNotional is null ? null : decimal.Parse(maxNotional, System.Globalization.CultureInfo.InvariantCulture)))
            .Message.ShouldBe(message);
        (account.MaxQuantity, account.MaxNotional).ShouldBe(((int?)null, (decimal?)null));
    }
}
