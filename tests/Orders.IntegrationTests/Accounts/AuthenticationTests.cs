using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Accounts;
using Orders.IntegrationTests.Executions;
using Orders.IntegrationTests.Fixtures;
using Serilog.Events;

namespace Orders.IntegrationTests.Accounts;

/// <summary>
/// Who may call: a key in <c>Authorization: Bearer</c>, or nothing when anonymous access is on; a wrong key never; /ops
/// only with an operator's key; health probes and the exchange's signed webhook without any.
/// </summary>
public abstract class AuthenticationTests(OrdersApi api)
{
    private static readonly object MarketOrder = new { type = "market", side = "buy", instrument = "US0378331005", quantity = 1 };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_anonymous_access_a_request_without_a_key_is_401_with_problem_details_and_stores_nothing()
    {
        await using var service = await StartAsync(anonymous: false);

        foreach (var request in new[] { Post("/orders"), new HttpRequestMessage(HttpMethod.Get, "/orders"), new HttpRequestMessage(HttpMethod.Get, "/ops/jobs") })
        {
            await ShouldBeUnauthorizedAsync(await service.Client.SendAsync(request, Cancellation));
        }

        (await service.OrdersAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Bearer nope")]
    [InlineData("Bearer ord_")]
    [InlineData("Bearer ord_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("ord_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Bearer")]
    public async Task A_malformed_key_is_401_even_with_anonymous_access(string authorization)
    {
        await using var service = await StartAsync(anonymous: true);

        var request = Post("/orders");
        request.Headers.TryAddWithoutValidation("Authorization", authorization).ShouldBeTrue();
        await ShouldBeUnauthorizedAsync(await service.Client.SendAsync(request, Cancellation));

        (await service.OrdersAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_key_is_401_even_with_anonymous_access()
    {
        await using var service = await StartAsync(anonymous: true);

        var unknown = ApiKey.Issue(AccountRules.DefaultAccountId, ApiKeyRole.Operator, DateTimeOffset.UtcNow).Secret.Reveal();
        await ShouldBeUnauthorizedAsync(await service.Client.SendAsync(Post("/orders").WithKey(unknown), Cancellation));

        (await service.OrdersAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_revoked_key_is_refused_by_the_very_next_request_even_with_anonymous_access()
    {
        await using var service = await StartAsync(anonymous: true);
        var created = await OperatorCommand.RunAsync(service, "accounts", "create", "alice");
        (await service.Client.SendAsync(Post("/orders").WithKey(created.Secret), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await OperatorCommand.RunAsync(service, "keys", "revoke", created.KeyId)).ExitCode.ShouldBe(0);

        await ShouldBeUnauthorizedAsync(await service.Client.SendAsync(Post("/orders").WithKey(created.Secret), Cancellation));
        (await service.OrdersAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Ops_needs_an_operator_key_a_client_key_is_403_with_problem_details()
    {
        await using var service = await StartAsync(anonymous: false);
        var client = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");
        var @operator = await OperatorCommand.NewSecretAsync(service, "keys", "create", "alice", "--operator");

        var forbidden = await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ops/jobs").WithKey(client), Cancellation);
        var redrive = await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/ops/orders/{Guid.NewGuid()}/redrive").WithKey(client), Cancellation);
        var allowed = await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ops/jobs").WithKey(@operator), Cancellation);

        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        forbidden.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await forbidden.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("status").GetInt32().ShouldBe(403);
        redrive.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_probes_and_the_signed_webhook_need_no_key()
    {
        await using var service = await StartAsync(anonymous: false);
        var key = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");
        var placed = await service.Client.SendAsync(Post("/orders").WithKey(key), Cancellation);
        var id = (await placed.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();

        (await service.Client.GetAsync("/health/live", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await service.Client.GetAsync("/health/ready", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Acknowledged (200): stored, to be applied.
        await ExecutionWebhook.PushAsync(service.Client, ExecutionWebhook.Fill(id, "E-1", 1, quantity: 1, price: 200m));
    }

    [Fact]
    public async Task With_anonymous_access_a_request_without_a_key_places_an_order_of_the_default_account_and_a_key_one_of_its_own()
    {
        await using var service = await StartAsync(anonymous: true);
        var alice = await OperatorCommand.RunAsync(service, "accounts", "create", "alice");

        var anonymous = await service.Client.SendAsync(Post("/orders"), Cancellation);
        var withKey = await service.Client.SendAsync(Post("/orders").WithKey(alice.Secret), Cancellation);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Created);
        withKey.StatusCode.ShouldBe(HttpStatusCode.Created);
        var anonymousBody = await anonymous.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var withKeyBody = await withKey.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        withKeyBody.EnumerateObject().Select(field => field.Name).ShouldBe(anonymousBody.EnumerateObject().Select(field => field.Name), "the 201 names no account");
        var owners = (await service.OrdersAsync()).ToDictionary(order => order.Id, order => order.AccountId);
        owners[anonymousBody.GetProperty("id").GetGuid()].ShouldBe(AccountRules.DefaultAccountId);
        owners[withKeyBody.GetProperty("id").GetGuid()].ShouldBe(await AccountIdAsync(service, "alice"));
    }

    [Fact]
    public async Task A_key_that_was_used_appears_in_no_log_line_only_its_id_does()
    {
        var logs = new LogRecorder();
        await using var service = await StartAsync(anonymous: false, logs: logs);
        var created = await OperatorCommand.RunAsync(service, "accounts", "create", "alice");
        var placed = await service.Client.SendAsync(Post("/orders").WithKey(created.Secret), Cancellation);
        var id = (await placed.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/orders/{id}").WithKey(created.Secret), Cancellation);
        await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ops/jobs").WithKey(created.Secret), Cancellation);
        (await OperatorCommand.RunAsync(service, "keys", "revoke", created.KeyId)).ExitCode.ShouldBe(0);
        await service.Client.SendAsync(Post("/orders").WithKey(created.Secret), Cancellation);

        List<LogLine> requestLines = [];
        await Eventually.HoldsAsync(
            () => Task.FromResult((requestLines = [.. logs.Lines.Where(line => line.Category == "Serilog.AspNetCore.RequestLoggingMiddleware")]).Count >= 4),
            TimeSpan.FromSeconds(10),
            "the four requests' lines");
        requestLines.Select(line => line.Property("ApiKeyId")).ShouldAllBe(keyId => (string?)keyId == created.KeyId);
        var secretPart = created.Secret["ord_".Length..];
        logs.Lines.ShouldNotContain(line => line.ToString().Contains(secretPart) || line.Properties.Values.Any(value => value.ToString().Contains(secretPart)));
    }

    [Fact]
    public async Task Using_a_key_records_its_last_use_at_most_once_a_minute()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var service = await OrdersService.StartAsync(api, Settings(anonymous: false), time);
        var created = await OperatorCommand.RunAsync(service, "accounts", "create", "alice");
        var start = time.GetUtcNow().UtcDateTime;

        async Task<DateTime?> UseAsync(TimeSpan later)
        {
            time.Advance(later);
            (await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/orders").WithKey(created.Secret), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
            return await service.QueryAsync(db => db.ApiKeys.AsNoTracking().Where(key => key.Id == created.KeyId).Select(key => key.LastUsedAt).SingleAsync(Cancellation));
        }

        (await UseAsync(TimeSpan.Zero)).ShouldBe(start);
        (await UseAsync(TimeSpan.FromSeconds(59))).ShouldBe(start);
        (await UseAsync(TimeSpan.FromSeconds(1))).ShouldBe(start.AddMinutes(1));
    }

    [Fact]
    public async Task The_OpenAPI_document_asks_for_the_key_as_a_bearer_token_on_every_operation_but_the_webhook_and_signing_out()
    {
        await using var service = await StartAsync(anonymous: false);

        var document = await service.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancellation);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()).ShouldBe(("http", "bearer"));
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Name: $"{operation.Name} {path.Name}", Operation: operation.Value)))
            .ToList();
        operations.Select(operation => operation.Name).ShouldContain("post /orders");
        operations.Select(operation => operation.Name).ShouldContain("get /ops/jobs");
        foreach (var (name, operation) in operations)
        {
            var bearer = operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("Bearer", out _));
            bearer.ShouldBe(name is not ("post /exchange/executions" or "delete /ops/session"), name);
        }
    }

    private async Task<OrdersService> StartAsync(bool anonymous, LogRecorder? logs = null) =>
        await OrdersService.StartAsync(api, Settings(anonymous), logs: logs);

    private static Dictionary<string, string?> Settings(bool anonymous) => new()
    {
        ["Auth:AllowAnonymous"] = anonymous ? "true" : "false",
        ["Outbox:Dispatch"] = "false",
        ["Exchange:WebhookSecret"] = ExecutionWebhook.Secret,
    };

    private static HttpRequestMessage Post(string path) => new(HttpMethod.Post, path) { Content = JsonContent.Create(MarketOrder) };

    private static Task<Guid> AccountIdAsync(OrdersService service, string name) =>
        service.QueryAsync(db => db.Accounts.Where(account => account.Name == name).Select(account => account.Id).SingleAsync(Cancellation));

    private static async Task ShouldBeUnauthorizedAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldHaveSingleItem().Scheme.ShouldBe("Bearer");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("status").GetInt32().ShouldBe(401);
    }
}

public sealed class AuthenticationOnSqliteTests(SqliteOrdersApi api) : AuthenticationTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class AuthenticationOnPostgresTests(PostgresOrdersApi api) : AuthenticationTests(api), IClassFixture<PostgresOrdersApi>;
