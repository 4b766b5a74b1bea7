using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using Orders.Application.Abstractions.Idempotency;
using Orders.Application.Abstractions.Persistence;
using Orders.Application.Idempotency;
using Orders.Application.Orders.PlaceOrder;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;
using Orders.Infrastructure.Idempotency;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Orders;

/// <summary>Retrying POST /orders with an Idempotency-Key is safe: one order, however often and however concurrently.</summary>
public abstract class IdempotencyTests(OrdersApi api)
{
    private const string Body = """{"type":"limit","side":"buy","instrument":"US0378331005","limit_price":150.5,"quantity":10}""";

    // The same request: other spacing, other property order, the same price written differently.
    private const string SameBodyRewritten = """
        { "quantity": 10, "limit_price": 150.50,
          "instrument": "US0378331005", "side": "buy", "type": "limit" }
        """;

    private static readonly Dictionary<string, string?> NoDispatch = new() { ["Outbox:Dispatch"] = "false" };

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_gets_the_same_201_and_places_nothing_new()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(service, Body, key);
        var retry = await PostAsync(service, SameBodyRewritten, key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        (await ReadAsync(retry)).GetRawText().ShouldBe((await ReadAsync(first)).GetRawText());
        (await service.OrdersAsync()).Count.ShouldBe(1);
        (await service.OutboxAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_422()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);
        var key = Guid.NewGuid().ToString();
        (await PostAsync(service, Body, key)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await PostAsync(service, Body.Replace("\"quantity\":10", "\"quantity\":11"), key);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        ErrorsOf(await ReadAsync(response), "Idempotency-Key").ShouldBe(["This `Idempotency-Key` was already used for a different request"]);
        (await service.OrdersAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_while_the_first_request_is_in_flight_waits_for_it_and_gets_its_201()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);
        var key = Guid.NewGuid().ToString();
        var first = new PlaceOrderResponse(Guid.NewGuid(), DateTime.UtcNow, OrderType.Limit, OrderSide.Buy, "US0378331005", 150.5m, 10, OrderStatus.Pending);
        var sameRequest = new PlaceOrderCommand(OrderType.Limit, OrderSide.Buy, "US0378331005", 150.5m, 10);
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var firstRequest = await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().BeginTransactionAsync(CancellationToken.None);
        var stored = new IdempotentRequest(IdempotencyKey.Fingerprint(sameRequest), JsonSerializer.Serialize(first));
        (await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().TryStoreAsync(AccountRules.DefaultAccountId, key, stored, CancellationToken.None)).ShouldBeNull();

        var retry = PostAsync(service, Body, key);
        (await Task.WhenAny(retry, Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken))).ShouldNotBe(retry, "it waits for the first request");
        await firstRequest.CommitAsync(CancellationToken.None);
        await firstRequest.DisposeAsync();

        var response = await retry;
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await ReadAsync(response)).GetProperty("id").GetGuid().ShouldBe(first.Id);
        (await service.OrdersAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_same_key_while_the_first_request_is_in_flight_is_carried_out_when_the_first_fails()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);
        var key = Guid.NewGuid().ToString();
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var firstRequest = await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().BeginTransactionAsync(CancellationToken.None);
        (await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().TryStoreAsync(AccountRules.DefaultAccountId, key, new IdempotentRequest("a request that dies", "{}"), CancellationToken.None))
            .ShouldBeNull();

        var retry = PostAsync(service, Body, key);
        (await Task.WhenAny(retry, Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken))).ShouldNotBe(retry, "it waits for the first request");
        await firstRequest.DisposeAsync(); // the first request dies: its transaction rolls back

        var response = await retry;
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await service.OrdersAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Fifty_concurrent_requests_with_one_key_create_one_order()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => PostAsync(service, Body, key)));

        responses.ShouldAllBe(response => response.StatusCode == HttpStatusCode.Created);
        responses.Count(response => !response.Headers.Contains("Idempotent-Replayed")).ShouldBe(1);
        responses.Select(response => response.Headers.Location).Distinct().ShouldHaveSingleItem();
        (await service.OrdersAsync()).Count.ShouldBe(1);
        (await service.OutboxAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Keys_expire_after_the_retention_are_purged_and_a_reused_key_then_creates_a_new_order()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await OrdersService.StartAsync(api, NoDispatch, time);
        var key = Guid.NewGuid().ToString();
        var first = await ReadAsync(await PostAsync(service, Body, key));

        time.Advance(TimeSpan.FromHours(23));
        (await PurgeAsync(service)).ShouldBe(0);
        (await ReadAsync(await PostAsync(service, Body, key))).GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());

        time.Advance(TimeSpan.FromHours(2));
        (await PurgeAsync(service)).ShouldBe(1);
        var afterExpiry = await PostAsync(service, Body, key);

        afterExpiry.StatusCode.ShouldBe(HttpStatusCode.Created);
        afterExpiry.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await ReadAsync(afterExpiry)).GetProperty("id").GetGuid().ShouldNotBe(first.GetProperty("id").GetGuid());
        (await service.OrdersAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_retry_after_a_failed_attempt_is_carried_out_at_once_even_when_the_failed_attempt_could_not_clean_up()
    {
        // A database of its own: the test changes its schema.
        await using var service = await OrdersService.StartOnAsync(api, await api.CreateDatabaseAsync(), NoDispatch);
        var key = Guid.NewGuid().ToString();
        await service.ExecuteSqlAsync(api.Sql.FailWrites("INSERT", "orders"));
        await service.ExecuteSqlAsync(api.Sql.FailWrites("DELETE", "idempotency_keys")); // as when the database restarts while the attempt fails

        var failed = await PostAsync(service, Body, key);
        await service.ExecuteSqlAsync(api.Sql.StopFailing("orders"));
        var retry = await PostAsync(service, Body, key);

        failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await service.OrdersAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_request_stores_nothing_under_its_key()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);
        var key = Guid.NewGuid().ToString();

        (await PostAsync(service, Body.Replace("\"quantity\":10", "\"quantity\":0"), key)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var corrected = await PostAsync(service, Body, key);

        corrected.StatusCode.ShouldBe(HttpStatusCode.Created);
        corrected.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
    }

    [Theory]
    [InlineData("clé-with-non-ascii")]
    [InlineData("tab\there")]
    [InlineData("256")]
    public async Task A_key_that_is_not_1_to_255_printable_ascii_characters_gets_422_naming_the_header(string key)
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);
        key = key == "256" ? new string('k', 256) : key;

        var response = await PostAsync(service, Body, key);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ErrorsOf(await ReadAsync(response), "Idempotency-Key").ShouldBe(["Header `Idempotency-Key` must be 1 to 255 printable ASCII characters"]);
        (await service.OrdersAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_empty_key_gets_422_naming_the_header()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);

        var context = await SendAsIsAsync(service, Body, "");

        context.Response.StatusCode.ShouldBe(StatusCodes.Status422UnprocessableEntity);
        var problem = (await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken)).RootElement;
        ErrorsOf(problem, "Idempotency-Key").ShouldBe(["Header `Idempotency-Key` must be 1 to 255 printable ASCII characters"]);
        (await service.OrdersAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_keys_get_422_naming_the_header_so_a_retry_with_one_of_them_creates_the_only_order()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);
        var first = Guid.NewGuid().ToString();

        var context = await SendAsIsAsync(service, Body, new StringValues([first, Guid.NewGuid().ToString()]));

        context.Response.StatusCode.ShouldBe(StatusCodes.Status422UnprocessableEntity);
        context.Response.ContentType.ShouldStartWith("application/problem+json");
        var problem = (await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken)).RootElement;
        ErrorsOf(problem, "Idempotency-Key").ShouldBe(["Header `Idempotency-Key` must be sent once, with one key"]);
        (await service.OrdersAsync()).ShouldBeEmpty();

        var retry = await PostAsync(service, Body, first);

        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await service.OrdersAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Without_a_key_every_request_places_a_new_order()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);

        (await PostAsync(service, Body, null)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostAsync(service, Body, null)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await service.OrdersAsync()).Count.ShouldBe(2);
        (await service.QueryAsync(db => db.IdempotencyRecords.CountAsync())).ShouldBe(0);
    }

    private static async Task<HttpResponseMessage> PostAsync(OrdersService service, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key).ShouldBeTrue();
        }

        return await service.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    // HttpClient leaves out a header whose value is empty; the test server takes the request exactly as given.
    private static Task<HttpContext> SendAsIsAsync(OrdersService service, string body, StringValues keys) =>
        service.Factory.Server.SendAsync(
            http =>
            {
                http.Request.Method = HttpMethods.Post;
                http.Request.Path = "/orders";
                http.Request.Headers[IdempotencyKey.HeaderName] = keys;
                http.Request.ContentType = "application/json";
                http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            },
            TestContext.Current.CancellationToken);

    private static async Task<int> PurgeAsync(OrdersService service)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdempotencyStore>().PurgeExpiredAsync(100, CancellationToken.None);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

    private static string?[] ErrorsOf(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(error => error.GetString()).ToArray();
}

public sealed class IdempotencyOnSqliteTests(SqliteOrdersApi api) : IdempotencyTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class IdempotencyOnPostgresTests(PostgresOrdersApi api) : IdempotencyTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class IdempotencyOnSqlServerTests(SqlServerOrdersApi api) : IdempotencyTests(api), IClassFixture<SqlServerOrdersApi>;
