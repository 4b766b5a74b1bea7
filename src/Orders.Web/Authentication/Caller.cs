using System.Security.Claims;
using Orders.Domain.Accounts;

namespace Orders.Web.Authentication;

/// <summary>Who a request acts for, as the authentication handler put it in the request's user.</summary>
internal static class Caller
{
    public const string AccountIdClaim = "account_id";
    public const string KeyIdClaim = "key_id";

    /// <summary>The policy of /ops: an operator's key, or the /ops page's session of one.</summary>
    public const string OperatorPolicy = "operator";

    /// <summary>An operator's key itself, as a Bearer key: what a session is made from.</summary>
    public const string OperatorKeyPolicy = "operator-key";

    public static readonly string OperatorRole = RoleName(ApiKeyRole.Operator);

    public static ClaimsPrincipal Of(Guid accountId, string? keyId, ApiKeyRole role, string scheme)
    {
        List<Claim> claims = [new(AccountIdClaim, accountId.ToString()), new(ClaimTypes.Role, RoleName(role))];
        if (keyId is not null)
        {
            claims.Add(new Claim(KeyIdClaim, keyId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The caller's account; every endpoint behind authentication has one.</summary>
    public static Guid AccountId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(AccountIdClaim) ?? throw new InvalidOperationException("The request was not authenticated."));

    /// <summary>The caller's key, by its id; null when anonymous access acts.</summary>
    public static string? KeyId(this ClaimsPrincipal user) => user.FindFirstValue(KeyIdClaim);

    private static string RoleName(ApiKeyRole role) => role == ApiKeyRole.Operator ? "operator" : "client";
}
