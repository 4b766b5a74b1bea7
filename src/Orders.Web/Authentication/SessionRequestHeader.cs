using Microsoft.AspNetCore.Authorization;

namespace Orders.Web.Authentication;

/// <summary>
/// Against cross-site request forgery, beside SameSite=Strict: a request that changes something with the session
/// cookie as its credential must carry <see cref="HeaderName"/>. A form on another site cannot send a header, and its
/// script can send one only after a CORS preflight, which this service never grants. A caller with a Bearer key
/// sends no cookie and needs none.
/// </summary>
internal sealed class SessionRequestHeader : AuthorizationHandler<SessionRequestHeader>, IAuthorizationRequirement
{
    public const string HeaderName = "X-Requested-With";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SessionRequestHeader requirement)
    {
        if (context.Resource is HttpContext http && (!BySession(context) || IsSafe(http.Request.Method) || !string.IsNullOrEmpty(http.Request.Headers[HeaderName])))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private static bool BySession(AuthorizationHandlerContext context) =>
        context.User.Identities.Any(identity => identity is { IsAuthenticated: true, AuthenticationType: OperatorSession.SchemeName });

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
