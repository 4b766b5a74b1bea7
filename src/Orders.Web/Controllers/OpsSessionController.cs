using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Orders.Web.Authentication;

namespace Orders.Web.Controllers;

/// <summary>The /ops page's sign-in: an operator key, sent once, becomes a session cookie for /ops.</summary>
[ApiController]
[Route("ops/session")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
public sealed class OpsSessionController : ControllerBase
{
    /// <summary>
    /// Signs in with an operator key, sent as <c>Authorization: Bearer ord_…</c>: answers with the session cookie
    /// (HttpOnly, SameSite=Strict, Secure over HTTPS, path /ops). A wrong or revoked key is a 401, a client key a 403.
    /// </summary>
    [HttpPost]
    [Authorize(Policy = Caller.OperatorKeyPolicy)]
    [ProducesResponseType<OperatorSessionResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<IActionResult> StartSession()
    {
        // Anonymous access acts without a key: there is none to name.
        if (User.KeyId() is not { } keyId)
        {
            return Challenge(ApiKeyAuthentication.SchemeName);
        }

        await HttpContext.SignInAsync(OperatorSession.SchemeName, OperatorSession.For(User.AccountId(), keyId));
        return Ok(new OperatorSessionResponse(keyId));
    }

    /// <summary>Who the caller is signed in as.</summary>
    [HttpGet]
    [Authorize(Policy = Caller.OperatorPolicy)]
    [ProducesResponseType<OperatorSessionResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public IActionResult GetSession() => Ok(new OperatorSessionResponse(User.KeyId()));

    /// <summary>Signs out: the session cookie is deleted. Answers 204 whether there was one or not.</summary>
    [HttpDelete]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> EndSession()
    {
        await HttpContext.SignOutAsync(OperatorSession.SchemeName);
        return NoContent();
    }
}
