using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Accounts;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Accounts;
using Serilog;

namespace Orders.Web.Authentication;

/// <summary>
/// <c>Authorization: Bearer ord_…</c>: the key's account and role become the request's user, and its id goes on the
/// request's log line (never its secret). Without a key, and with Auth:AllowAnonymous, the request acts for the
/// default account with every role, as before accounts existed. A key that is malformed, unknown or revoked is
/// refused even then: a client that sends one means to be someone.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<AuthOptions> auth,
    IApiKeyDirectory keys,
    IDefaultAccount defaultAccount,
    IDiagnosticContext requestLog)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>The request log's property naming the caller's key.</summary>
    public const string KeyIdOnRequestLog = "ApiKeyId";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return auth.Value.AllowAnonymous
                ? Success(await defaultAccount.IdAsync(Context.RequestAborted), keyId: null, ApiKeyRole.Operator)
                : AuthenticateResult.NoResult();
        }

        // The reasons are the log's (at debug), never the secret: a client is told only that it is not authenticated.
        if (header.Count > 1 || !TryReadSecret(header.ToString(), out var secret))
        {
            return AuthenticateResult.Fail("A malformed API key");
        }

        var key = await keys.FindAsync(secret, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("An unknown API key");
        }

        requestLog.Set(KeyIdOnRequestLog, key.KeyId);
        return key.IsRevoked ? AuthenticateResult.Fail($"API key {key.KeyId} is revoked") : Success(key.AccountId, key.KeyId, key.Role);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        return Task.CompletedTask;
    }

    private static bool TryReadSecret(string header, out ApiKeySecret secret)
    {
        secret = null!;
        return header.StartsWith($"{SchemeName} ", StringComparison.OrdinalIgnoreCase)
            && ApiKeySecret.TryParse(header[(SchemeName.Length + 1)..].Trim(), out secret);
    }

    private AuthenticateResult Success(Guid accountId, string? keyId, ApiKeyRole role) =>
        AuthenticateResult.Success(new AuthenticationTicket(Caller.Of(accountId, keyId, role, SchemeName), SchemeName));
}
