using System.Security.Claims;
using Orders.Domain.Accounts;

namespace Orders.Web.Authentication;

/// <summary>Who a request acts for, as the authentication handler put it in the request's user.</summary>
internal static class Caller
{
    public const string AccountIdClaim = "account_id";
    public const string KeyIdClaim = "key_id";

    /// <summary>The policy of /ops: an operator's key.</summary>
    public const string OperatorPolicy = "operator";

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

    private static string RoleName(ApiKeyRole role) => role == ApiKeyRole.Operator ? "operator" : "client";
}
