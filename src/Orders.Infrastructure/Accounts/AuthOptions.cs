using Orders.Domain.Accounts;

namespace Orders.Infrastructure.Accounts;

public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>A request without a key acts for <see cref="DefaultAccount"/>, as a client. A wrong key is refused all the same.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>The account of anonymous callers, created on start when missing; the orders from before accounts are the default account's.</summary>
    public string DefaultAccount { get; set; } = AccountRules.DefaultAccountName;

    /// <summary>
    /// How often each instance looks for changed keys and accounts (<see cref="CredentialsCache"/>); a command that changes
    /// one waits three times this before it answers. A second: a count waits for a pooled connection under full load, and
    /// must begin within two of these. Zero: no cache, every request reads its key and account.
    /// </summary>
    public TimeSpan CredentialsRefresh { get; set; } = TimeSpan.FromSeconds(1);
}
