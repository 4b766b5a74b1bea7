using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Orders.Application.Abstractions.Accounts;
using Orders.Domain.Accounts;
using Serilog;

namespace Orders.Web.Authentication;

/// <summary>
/// The /ops page's session: a browser page cannot send a key as a header on every request, so an operator key presented
/// once (POST /ops/session, as a Bearer key) is exchanged for a cookie that names the key by its id, never its secret.
/// HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure when the request came over
/// HTTPS, and sent to /ops only. Every request reads the key again by its id: a revoked key's session ends at once.
/// </summary>
internal static class OperatorSession
{
    public const string SchemeName = "OperatorSession";

    public const string CookieName = "orders_ops_session";

    /// <summary>A session unused this long ends; each use extends it.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    public static AuthenticationBuilder AddOperatorSession(this AuthenticationBuilder authentication) =>
        authentication.AddCookie(SchemeName, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.Path = "/ops";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
            options.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = RevalidateAsync,

                // An API's answers, where a cookie scheme would redirect to a login page.
                OnRedirectToLogin = context => Answer(context.Response, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => Answer(context.Response, StatusCodes.Status403Forbidden),
            };
        });

    /// <summary>The session of the operator key that <paramref name="keyId"/> names, of <paramref name="accountId"/>.</summary>
    public static ClaimsPrincipal For(Guid accountId, string keyId) => Caller.Of(accountId, keyId, ApiKeyRole.Operator, SchemeName);

    private static async Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var keyId = context.Principal?.KeyId();
        var key = keyId is null ? null : await services.GetRequiredService<IApiKeyDirectory>().FindByIdAsync(keyId, context.HttpContext.RequestAborted);
        if (key is not { IsRevoked: false, Role: ApiKeyRole.Operator })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SchemeName);
            return;
        }

        services.GetRequiredService<IDiagnosticContext>().Set(ApiKeyAuthentication.KeyIdOnRequestLog, key.KeyId);
    }

    private static Task Answer(HttpResponse response, int statusCode)
    {
        response.StatusCode = statusCode;
        return Task.CompletedTask;
    }
}
