using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Orders.Domain.Accounts;
using Orders.IntegrationTests.Accounts;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Monitoring;

/// <summary>
/// The /ops page's sign-in: an operator key sent once (POST /ops/session) becomes an HttpOnly, SameSite=Strict cookie
/// for /ops that stands for the key until it is revoked; a change made with it carries X-Requested-With. A wrong key
/// gets no cookie, and no key ever reaches the log.
/// </summary>
public abstract class OperatorSessionTests(OrdersApi api)
{
    private const string SessionHeader = "X-Requested-With";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_operator_key_signs_in_to_an_HttpOnly_SameSite_Strict_session_cookie_for_ops_that_stands_for_the_key()
    {
        await using var service = await StartAsync();
        var @operator = await OperatorCommand.RunAsync(service, "keys", "create", "default", "--operator");
        using var client = service.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var signedIn = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/ops/session").WithKey(@operator.Secret), Cancellation);

        signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await signedIn.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("key_id").GetString().ShouldBe(@operator.KeyId);
        var cookie = SessionCookie(signedIn);
        (cookie.HttpOnly, cookie.SameSite, cookie.Path.Value, cookie.Secure, cookie.Expires).ShouldBe((true, SameSiteMode.Strict, "/ops", false, null));
        cookie.Value.Value!.ShouldNotContain(@operator.Secret["ord_".Length..]);

        (await client.SendAsync(WithSession(HttpMethod.Get, "/ops/jobs", cookie), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var session = await client.SendAsync(WithSession(HttpMethod.Get, "/ops/session", cookie), Cancellation);
        (await session.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("key_id").GetString().ShouldBe(@operator.KeyId);
        (await client.SendAsync(WithSession(HttpMethod.Get, "/orders", cookie), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the session is for /ops only");
    }

    [Fact]
    public async Task A_change_made_with_the_session_needs_the_X_Requested_With_header_a_cross_site_form_cannot_send()
    {
        await using var service = await StartAsync();
        using var client = service.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var (@operator, cookie) = await SignInAsync(service, client);

        var forged = WithSession(HttpMethod.Post, "/ops/dead-letters/redrive", cookie);
        forged.Content = JsonContent.Create(new { reason = "anything", dry_run = true });
        var fromThePage = WithSession(HttpMethod.Post, "/ops/dead-letters/redrive", cookie);
        fromThePage.Content = JsonContent.Create(new { reason = "anything", dry_run = true });
        fromThePage.Headers.Add(SessionHeader, "ops-page");
        var byKey = new HttpRequestMessage(HttpMethod.Post, "/ops/dead-letters/redrive") { Content = JsonContent.Create(new { reason = "anything", dry_run = true }) }.WithKey(@operator.Secret);

        (await client.SendAsync(forged, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.SendAsync(fromThePage, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SendAsync(byKey, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK, "a Bearer key is no ambient credential");
    }

    [Fact]
    public async Task Over_HTTPS_the_session_cookie_is_Secure()
    {
        await using var service = await StartAsync();
        var @operator = await OperatorCommand.RunAsync(service, "keys", "create", "default", "--operator");
        using var client = service.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = new Uri("https://localhost") });

        var signedIn = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/ops/session").WithKey(@operator.Secret), Cancellation);

        SessionCookie(signedIn).Secure.ShouldBeTrue();
    }

    [Fact]
    public async Task Revoking_the_key_ends_its_session_at_the_next_request_and_signing_out_deletes_the_cookie()
    {
        await using var service = await StartAsync();
        var revoked = await OperatorCommand.RunAsync(service, "keys", "create", "default", "--operator");
        var kept = await OperatorCommand.RunAsync(service, "keys", "create", "default", "--operator");
        using var client = service.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var revokedSession = SessionCookie(await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/ops/session").WithKey(revoked.Secret), Cancellation));
        var keptSession = SessionCookie(await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/ops/session").WithKey(kept.Secret), Cancellation));
        (await client.SendAsync(WithSession(HttpMethod.Get, "/ops/jobs", revokedSession), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await OperatorCommand.RunAsync(service, "keys", "revoke", revoked.KeyId)).ExitCode.ShouldBe(0);

        var afterRevocation = await client.SendAsync(WithSession(HttpMethod.Get, "/ops/jobs", revokedSession), Cancellation);
        afterRevocation.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        afterRevocation.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await client.SendAsync(WithSession(HttpMethod.Get, "/ops/jobs", keptSession), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var signedOut = await client.SendAsync(WithSession(HttpMethod.Delete, "/ops/session", keptSession), Cancellation);
        signedOut.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var deleted = SessionCookie(signedOut);
        (deleted.Value.Value, deleted.Path.Value).ShouldBe(("", "/ops"));
        deleted.Expires.ShouldNotBeNull().ShouldBeLessThan(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_wrong_key_is_401_a_client_key_403_neither_gets_a_cookie_and_no_key_is_logged()
    {
        var logs = new LogRecorder();
        await using var service = await StartAsync(logs);
        var client = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");
        var unknown = ApiKey.Issue(AccountRules.DefaultAccountId, ApiKeyRole.Operator, DateTimeOffset.UtcNow).Secret.Reveal();
        var @operator = await OperatorCommand.NewSecretAsync(service, "keys", "create", "default", "--operator");

        var wrong = await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/ops/session").WithKey(unknown), Cancellation);
        var byClient = await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/ops/session").WithKey(client), Cancellation);
        var right = await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/ops/session").WithKey(@operator), Cancellation);

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        byClient.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        wrong.Headers.Contains(HeaderNames.SetCookie).ShouldBeFalse();
        byClient.Headers.Contains(HeaderNames.SetCookie).ShouldBeFalse();
        await Eventually.HoldsAsync(
            () => Task.FromResult(logs.Lines.Count(line => line.Category == "Serilog.AspNetCore.RequestLoggingMiddleware") >= 3),
            TimeSpan.FromSeconds(10),
            "the three requests' lines");
        foreach (var secret in new[] { unknown, client, @operator }.Select(key => key["ord_".Length..]))
        {
            logs.Lines.ShouldNotContain(line => line.ToString().Contains(secret) || line.Properties.Values.Any(value => value.ToString().Contains(secret)));
        }
    }

    [Theory]
    [InlineData("GET", "/ops/dead-letters")]
    [InlineData("POST", "/ops/dead-letters/redrive")]
    [InlineData("GET", "/ops/session")]
    [InlineData("POST", "/ops/session")]
    public async Task The_ops_endpoints_are_401_without_a_key_and_403_with_a_client_key(string method, string path)
    {
        await using var service = await StartAsync();
        var client = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");

        var withoutKey = await service.Client.SendAsync(Request(method, path), Cancellation);
        var withClientKey = await service.Client.SendAsync(Request(method, path).WithKey(client), Cancellation);

        withoutKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        withoutKey.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        withClientKey.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        withClientKey.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task The_page_and_its_files_need_no_key_and_allow_only_the_services_own_scripts()
    {
        await using var service = await StartAsync();

        foreach (var (path, type) in new[] { ("/ops", "text/html"), ("/ops/page.js", "text/javascript"), ("/ops/page.css", "text/css") })
        {
            var response = await service.Client.GetAsync(path, Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            response.Content.Headers.ContentType!.MediaType.ShouldBe(type);
            response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldContain("script-src 'self'");
        }

        (await service.Client.GetStringAsync("/ops", Cancellation)).ShouldContain("<label for=\"key\">Operator key</label>");
    }

    [Fact]
    public async Task Another_instance_on_the_same_database_reads_the_session_through_the_key_ring_kept_there()
    {
        await using var signer = await StartAsync();
        using var client = signer.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var (@operator, cookie) = await SignInAsync(signer, client);

        await using var other = await OrdersService.StartOnAsync(api, signer.ConnectionString, Settings());
        var elsewhere = await other.Client.SendAsync(WithSession(HttpMethod.Get, "/ops/session", cookie), Cancellation);

        elsewhere.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await elsewhere.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("key_id").GetString().ShouldBe(@operator.KeyId);
        (await signer.QueryAsync(db => db.DataProtectionKeys.CountAsync(Cancellation))).ShouldBe(1);
    }

    [Fact]
    public async Task With_a_certificate_the_key_ring_is_stored_encrypted_and_still_signs_sessions()
    {
        var certificate = Path.Combine(Path.GetTempPath(), $"orders-key-ring-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=orders-key-ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificate, selfSigned.Export(X509ContentType.Pfx, "test-password"), Cancellation);
        }

        try
        {
            var settings = Settings();
            settings["DataProtection:Certificate"] = certificate;
            settings["DataProtection:CertificatePassword"] = "test-password";
            await using var service = await OrdersService.StartAsync(api, settings);
            using var client = service.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
            var (_, cookie) = await SignInAsync(service, client);

            (await client.SendAsync(WithSession(HttpMethod.Get, "/ops/jobs", cookie), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
            var stored = (await service.QueryAsync(db => db.DataProtectionKeys.Select(key => key.Xml).ToListAsync(Cancellation))).ShouldHaveSingleItem();
            stored.ShouldNotBeNull().ShouldContain("<encryptedSecret");
            stored.ShouldNotContain("<masterKey");
        }
        finally
        {
            File.Delete(certificate);
        }
    }

    private Task<OrdersService> StartAsync(LogRecorder? logs = null) => OrdersService.StartAsync(api, Settings(), logs: logs);

    /// <summary>A new operator key of the default account, signed in through <paramref name="client"/>: the key and its session cookie.</summary>
    private static async Task<(CommandRun Operator, SetCookieHeaderValue Cookie)> SignInAsync(OrdersService service, HttpClient client)
    {
        var @operator = await OperatorCommand.RunAsync(service, "keys", "create", "default", "--operator");
        return (@operator, SessionCookie(await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/ops/session").WithKey(@operator.Secret), Cancellation)));
    }

    private static Dictionary<string, string?> Settings() => new() { ["Auth:AllowAnonymous"] = "false", ["Outbox:Dispatch"] = "false" };

    private static SetCookieHeaderValue SessionCookie(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.NoContent);
        return SetCookieHeaderValue.ParseList([.. response.Headers.GetValues(HeaderNames.SetCookie)])
            .Where(item => item.Name.Value == "orders_ops_session")
            .ShouldHaveSingleItem();
    }

    private static HttpRequestMessage WithSession(HttpMethod method, string path, SetCookieHeaderValue cookie)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(HeaderNames.Cookie, new CookieHeaderValue(cookie.Name, cookie.Value).ToString());
        return request;
    }

    private static HttpRequestMessage Request(string method, string path) =>
        method == "POST" && path.EndsWith("redrive", StringComparison.Ordinal)
            ? new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { reason = "anything", dry_run = true }) }
            : new HttpRequestMessage(new HttpMethod(method), path);
}

public sealed class OperatorSessionOnSqliteTests(SqliteOrdersApi api) : OperatorSessionTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class OperatorSessionOnPostgresTests(PostgresOrdersApi api) : OperatorSessionTests(api), IClassFixture<PostgresOrdersApi>;
