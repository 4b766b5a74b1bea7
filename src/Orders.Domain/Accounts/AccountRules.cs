namespace Orders.Domain.Accounts;

/// <summary>The rules an account obeys; the aggregate enforces them, the commands report them with the same messages.</summary>
public static class AccountRules
{
    public const int NameLength = 64;

    /// <summary>The account that owns the orders placed before accounts existed, and anonymous callers' orders.</summary>
    public const string DefaultAccountName = "default";

    public const string NameMessage = "An account name is 1 to 64 ASCII letters, digits, '-', '_' or '.'";
    public const string MaxQuantityMessage = "A maximum quantity is a whole number greater than 0";
    public const string MaxNotionalMessage = "A maximum notional is greater than 0 with at most 2 decimal places";
    public const string KeyIdMessage = "A key id is 'key_' and 16 lower-case hexadecimal digits";

    /// <summary>The default account's fixed id: the migration that gave every order an owner created it with this id.</summary>
    public static readonly Guid DefaultAccountId = new("00000000-0000-7000-8000-000000000001");

    // Names are typed on command lines and shown in logs: no spaces, nothing to quote.
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= NameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static bool IsValidMaxQuantity(int? maxQuantity) => maxQuantity is null or > 0;

    public static bool IsValidMaxNotional(decimal? maxNotional) =>
        maxNotional is null || (maxNotional > 0 && decimal.Round(maxNotional.Value, 2) == maxNotional);
}
