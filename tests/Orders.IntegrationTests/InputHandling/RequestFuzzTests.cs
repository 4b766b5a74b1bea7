using System.Text.Json;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Idempotency;
using Orders.IntegrationTests.Accounts;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.InputHandling;

/// <summary>
/// Whatever a client sends (wrong JSON types, huge numbers, deep nesting, bytes that are not UTF-8, other
/// charsets, repeated headers, control characters, bad query values), the service answers by the contract:
/// never a 5xx; a valid request gets its 2xx (an order only for a valid POST /orders); every 4xx is RFC 9457
/// problem details. Requests start valid and are changed, each change known to keep them valid or not (see
/// <see cref="PlaceOrderRequests"/>, <see cref="ListOrdersRequests"/>). A failure prints the smallest failing
/// request and its seed. Requests are sent one at a time, so the order count before and after a request is
/// that request's doing. With keys, a request with the account's key is answered the same way, and one with a wrong
/// key (unknown, revoked, malformed, missing) never reaches the service's handlers: a 401 whatever the request, and
/// nothing stored.
/// </summary>
public sealed class RequestFuzzTests(SqliteOrdersApi api) : IClassFixture<SqliteOrdersApi>
{
    // A few seconds. CsCheck_Iter overrides it as it overrides CsCheck's own default, so that
    // CsCheck_Seed=<seed> CsCheck_Iter=1 replays exactly the failing request (the seed is only the first one's).
    private static readonly long Requests = long.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out var requests) ? requests : 1000;

    private static readonly Dictionary<string, string?> NoDispatch = new() { ["Outbox:Dispatch"] = "false" };

    private static readonly Gen<FuzzRequest> AnyRequest = Gen.Frequency(
        (6, PlaceOrderRequests.Any),
        (3, ListOrdersRequests.Any),
        (1, OtherRequests.Any));

    [Fact]
    public async Task No_request_gets_a_5xx_or_stores_an_order_unless_valid_and_every_4xx_is_problem_details()
    {
        await using var service = await OrdersService.StartAsync(api, NoDispatch);

        await AnyRequest.SampleAsync(request => AnswersByTheContractAsync(service, request), iter: Requests, threads: 1, print: request => request.ToString());
    }

    [Fact]
    public async Task With_keys_the_accounts_key_gets_the_same_answers_and_a_wrong_key_only_a_401_that_stores_nothing()
    {
        await using var service = await OrdersService.StartAsync(api, new Dictionary<string, string?>(NoDispatch) { ["Auth:AllowAnonymous"] = "false" });
        var valid = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");
        var revoked = await OperatorCommand.RunAsync(service, "keys", "create", "alice");
        (await OperatorCommand.RunAsync(service, "keys", "revoke", revoked.KeyId)).ExitCode.ShouldBe(0);
        var unknown = ApiKey.Issue(AccountRules.DefaultAccountId, ApiKeyRole.Operator, DateTimeOffset.UtcNow).Secret.Reveal();
        var wrongKey = Gen.OneOf($"Bearer {revoked.Secret}", $"Bearer {unknown}", $"Bearer {valid}x", "Bearer nope", $"Basic {valid}", valid, "");

        await Gen.Frequency((1, Gen.Const($"Bearer {valid}")), (1, wrongKey))
            .Select(AnyRequest, (authorization, request) => (Authorization: authorization, Request: Sent(request, authorization)))
            .SampleAsync(
                sample => sample.Authorization == $"Bearer {valid}"
                    ? AnswersByTheContractAsync(service, sample.Request)
                    : IsUnauthorizedAsync(service, sample.Request),
                iter: Requests,
                threads: 1,
                print: sample => sample.Request.ToString());
    }

    private static FuzzRequest Sent(FuzzRequest request, string authorization) =>
        authorization == "" ? request : request with { Headers = [.. request.Headers, ("Authorization", new StringValues(authorization))] };

    private static async Task IsUnauthorizedAsync(OrdersService service, FuzzRequest request)
    {
        var storedBefore = await StoredAsync(service);

        var context = await request.SendAsync(service.Factory.Server);

        var body = await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
        var answer = $"answered {context.Response.StatusCode} ({context.Response.ContentType}): {body}";
        context.Response.StatusCode.ShouldBe(401, answer);
        context.Response.ContentType.ShouldStartWith("application/problem+json", Case.Insensitive, answer);
        (await StoredAsync(service)).ShouldBe(storedBefore, answer);
    }

    // Orders and idempotency keys: what a request that reached a handler may have left behind.
    private static async Task<(int Orders, int Keys)> StoredAsync(OrdersService service) =>
        (await CountOrdersAsync(service), await service.QueryAsync(db => db.IdempotencyRecords.CountAsync()));

    private static async Task AnswersByTheContractAsync(OrdersService service, FuzzRequest request)
    {
        // A key is remembered for a day: forgetting the earlier requests' keys keeps each request on its own.
        await service.QueryAsync(db => db.IdempotencyRecords.ExecuteDeleteAsync());
        var ordersBefore = await CountOrdersAsync(service);

        var context = await request.SendAsync(service.Factory.Server);

        var status = context.Response.StatusCode;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
        var answer = $"answered {status} ({context.Response.ContentType}): {body}";
        status.ShouldBeLessThan(500, answer);
        if (request.IsValid)
        {
            status.ShouldBe(request.SuccessStatus, answer);
        }
        else
        {
            status.ShouldBeInRange(400, 499, answer);
        }

        if (status >= 400)
        {
            context.Response.ContentType.ShouldStartWith("application/problem+json", Case.Insensitive, answer);
            var problem = JsonDocument.Parse(body).RootElement;
            problem.GetProperty("status").GetInt32().ShouldBe(status, answer);
            problem.GetProperty("title").GetString().ShouldNotBeNullOrEmpty(answer);
            if (status == 422)
            {
                problem.GetProperty("errors").EnumerateObject().ShouldNotBeEmpty(answer);
            }
        }

        (await CountOrdersAsync(service)).ShouldBe(ordersBefore + (request.IsValid && request.Places ? 1 : 0), answer);
    }

    private static Task<int> CountOrdersAsync(OrdersService service) => service.QueryAsync(db => db.Orders.CountAsync());
}
