using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Accounts;

/// <summary>
/// The client API's rate limit, a token bucket per account, on a clock the test moves: the draft's RateLimit fields
/// on every answer, a 429 with Retry-After once the bucket is empty, tokens back as time passes; other accounts, health
/// and /ops untouched.
/// </summary>
public abstract class RateLimitTests(OrdersApi api)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_account_past_its_burst_gets_429_with_retry_after_and_recovers_as_tokens_come_back()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await StartAsync(clock);
        var alice = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");
        var bob = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "bob");

        var allowed = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add(await GetOrdersAsync(service, alice));
        }

        var refused = await GetOrdersAsync(service, alice);

        allowed.ShouldAllBe(response => response.StatusCode == HttpStatusCode.OK);
        allowed.Select(response => Field(response, "RateLimit-Policy")).ShouldAllBe(policy => policy == "\"per-account\";q=2;w=1");
        allowed.Select(response => Field(response, "RateLimit")).ShouldBe(["\"per-account\";r=2;t=1", "\"per-account\";r=1;t=1", "\"per-account\";r=0;t=2"]);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("status").GetInt32().ShouldBe(429);
        Field(refused, "Retry-After").ShouldBe("1");
        Field(refused, "RateLimit-Policy").ShouldBe("\"per-account\";q=2;w=1");
        Field(refused, "RateLimit").ShouldBe("\"per-account\";r=0;t=2");
        (await GetOrdersAsync(service, bob)).StatusCode.ShouldBe(HttpStatusCode.OK, "another account has its own bucket");

        clock.Advance(TimeSpan.FromMilliseconds(499));
        (await GetOrdersAsync(service, alice)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "no whole token yet");

        clock.Advance(TimeSpan.FromMilliseconds(1));
        var recovered = await GetOrdersAsync(service, alice);
        recovered.StatusCode.ShouldBe(HttpStatusCode.OK);
        Field(recovered, "RateLimit").ShouldBe("\"per-account\";r=0;t=2");
    }

    [Fact]
    public async Task Health_and_ops_are_not_rate_limited()
    {
        await using var service = await StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var alice = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");
        var run = await OperatorCommand.RunAsync(service, "keys", "create", "alice", "--operator");
        for (var i = 0; i < 3; i++)
        {
            (await GetOrdersAsync(service, alice)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        for (var i = 0; i < 5; i++)
        {
            var health = await service.Client.GetAsync("/health/live", Cancellation);
            var jobs = await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ops/jobs").WithKey(run.Secret), Cancellation);

            health.StatusCode.ShouldBe(HttpStatusCode.OK);
            jobs.StatusCode.ShouldBe(HttpStatusCode.OK);
            health.Headers.Contains("RateLimit").ShouldBeFalse();
            jobs.Headers.Contains("RateLimit").ShouldBeFalse();
        }
    }

    private Task<OrdersService> StartAsync(TimeProvider clock) =>
        OrdersService.StartAsync(
            api,
            new Dictionary<string, string?>
            {
                ["Auth:AllowAnonymous"] = "false",
                ["Outbox:Dispatch"] = "false",
                ["RateLimiting:PermitsPerSecond"] = "2",
                ["RateLimiting:Burst"] = "3",
            },
            clock);

    private static Task<HttpResponseMessage> GetOrdersAsync(OrdersService service, string secret) =>
        service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/orders").WithKey(secret), Cancellation);

    private static string Field(HttpResponseMessage response, string name) => response.Headers.GetValues(name).ShouldHaveSingleItem();
}

public sealed class RateLimitOnSqliteTests(SqliteOrdersApi api) : RateLimitTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class RateLimitOnPostgresTests(PostgresOrdersApi api) : RateLimitTests(api), IClassFixture<PostgresOrdersApi>;
