using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Orders.Domain.Orders;
using Orders.Infrastructure.Accounts;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Accounts;

/// <summary>
/// Everything is per account: a caller reads, lists, cancels and streams only its own orders (another account's order
/// answers exactly as one that does not exist), and an Idempotency-Key is its account's own.
/// </summary>
public abstract partial class AccountScopingTests(OrdersApi api)
{
    private const string Apple = "US0378331005";
    private const string Microsoft = "US5949181045";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reading_or_cancelling_another_accounts_order_is_the_404_of_an_order_that_does_not_exist_and_changes_nothing()
    {
        await using var service = await StartAsync();
        using var alice = await ClientAsync(service, "alice");
        using var bob = await ClientAsync(service, "bob");
        var alices = await PlaceAsync(service, alice, Apple, "buy");
        var unknown = Guid.CreateVersion7();

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            using var theirs = await bob.SendAsync(new HttpRequestMessage(method, $"/orders/{alices}"), Cancellation);
            using var none = await bob.SendAsync(new HttpRequestMessage(method, $"/orders/{unknown}"), Cancellation);

            theirs.StatusCode.ShouldBe(HttpStatusCode.NotFound, method.Method);
            (await AnswerAsync(theirs, alices)).ShouldBe(await AnswerAsync(none, unknown), method.Method);
        }

        var own = await alice.GetFromJsonAsync<JsonElement>($"/orders/{alices}", Cancellation);
        own.GetProperty("status").GetString().ShouldBe("pending");
    }

    [Fact]
    public async Task A_list_holds_only_the_callers_orders_with_every_filter_and_across_pages()
    {
        await using var service = await StartAsync();
        using var alice = await ClientAsync(service, "alice");
        using var bob = await ClientAsync(service, "bob");
        var from = DateTime.UtcNow.AddMinutes(-1).ToString("O");
        List<Guid> alices = [], bobs = [];
        foreach (var (instrument, side) in new[] { (Apple, "buy"), (Microsoft, "sell"), (Apple, "sell") })
        {
            alices.Add(await PlaceAsync(service, alice, instrument, side));
            bobs.Add(await PlaceAsync(service, bob, instrument, side));
        }

        var first = await alice.GetFromJsonAsync<JsonElement>("/orders?limit=2", Cancellation);
        var second = await alice.GetFromJsonAsync<JsonElement>($"/orders?limit=2&cursor={first.GetProperty("next_cursor").GetString()}", Cancellation);

        Ids(first).Concat(Ids(second)).ShouldBe([alices[2], alices[1], alices[0]]);
        second.GetProperty("next_cursor").ValueKind.ShouldBe(JsonValueKind.Null);
        Ids(await alice.GetFromJsonAsync<JsonElement>("/orders?status=pending", Cancellation)).ShouldBe([alices[2], alices[1], alices[0]]);
        Ids(await alice.GetFromJsonAsync<JsonElement>($"/orders?instrument={Apple}", Cancellation)).ShouldBe([alices[2], alices[0]]);
        Ids(await alice.GetFromJsonAsync<JsonElement>("/orders?side=sell", Cancellation)).ShouldBe([alices[2], alices[1]]);
        Ids(await alice.GetFromJsonAsync<JsonElement>($"/orders?created_from={from}&created_to={DateTime.UtcNow.AddMinutes(1):O}", Cancellation))
            .ShouldBe([alices[2], alices[1], alices[0]]);
        Ids(await bob.GetFromJsonAsync<JsonElement>("/orders", Cancellation)).ShouldBe([bobs[2], bobs[1], bobs[0]]);
    }

    [Fact]
    public async Task A_mass_cancel_cancels_only_the_callers_open_orders_of_the_instrument_or_of_all()
    {
        await using var service = await StartAsync();
        using var alice = await ClientAsync(service, "alice");
        using var bob = await ClientAsync(service, "bob");
        var alicesApple = await PlaceAsync(service, alice, Apple, "buy");
        var alicesMicrosoft = await PlaceAsync(service, alice, Microsoft, "buy");
        Guid[] bobs = [await PlaceAsync(service, bob, Apple, "buy"), await PlaceAsync(service, bob, Microsoft, "buy")];

        var ofApple = await CancelOpenAsync(alice, $"?instrument={Apple}");
        var statusesAfterApple = await StatusesAsync(service, [alicesApple, alicesMicrosoft, .. bobs]);
        var ofAll = await CancelOpenAsync(alice, "");

        // Never sent to the exchange (no dispatcher runs): cancelled at once.
        ofApple.GetProperty("cancelled").EnumerateArray().Select(id => id.GetGuid()).ShouldBe([alicesApple]);
        statusesAfterApple.ShouldBe([OrderStatus.Cancelled, OrderStatus.Pending, OrderStatus.Pending, OrderStatus.Pending]);
        ofAll.GetProperty("cancelled").EnumerateArray().Select(id => id.GetGuid()).ShouldBe([alicesMicrosoft]);
        (await StatusesAsync(service, bobs)).ShouldBe([OrderStatus.Pending, OrderStatus.Pending]);
    }

    [Fact]
    public async Task The_event_stream_live_and_resumed_holds_only_the_callers_orders_events()
    {
        await using var service = await StartAsync();
        using var alice = await ClientAsync(service, "alice");
        using var bob = await ClientAsync(service, "bob");
        await using var alicesLive = await OrderEventsClient.OpenAsync(alice);
        await using var bobsLive = await OrderEventsClient.OpenAsync(bob);

        // Interleaved: each account's orders have the other's between them in the log, so a stream that let another
        // account's event through would hold it among its first events.
        var a1 = await PlaceAsync(service, alice, Apple, "buy");
        var b1 = await PlaceAsync(service, bob, Apple, "buy");
        var a2 = await PlaceAsync(service, alice, Apple, "buy");
        var b2 = await PlaceAsync(service, bob, Apple, "buy");
        var alicesEvents = await alicesLive.WaitForAsync(2);
        await using var alicesResumed = await OrderEventsClient.OpenAsync(alice, lastEventId: alicesEvents[0].Id);
        await using var bobsFromTheStart = await OrderEventsClient.OpenAsync(bob, lastEventId: "0-0");
        await using var bobsOfAlicesOrder = await OrderEventsClient.OpenAsync(bob, $"?order_id={a1}", lastEventId: "0-0");
        (await alice.DeleteAsync($"/orders/{a1}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var b3 = await PlaceAsync(service, bob, Apple, "buy");

        alicesEvents.Take(2).Select(OrderIdOf).ShouldBe([a1, a2]);
        (await bobsLive.WaitForAsync(3)).Take(3).Select(OrderIdOf).ShouldBe([b1, b2, b3]);
        (await alicesResumed.WaitForAsync(2)).Take(2).Select(OrderIdOf).ShouldBe([a2, a1], "after a1's acceptance: a2's, then a1's cancel");
        (await bobsFromTheStart.WaitForAsync(3)).Take(3).Select(OrderIdOf).ShouldBe([b1, b2, b3]);

        // Bob's own streams have read the log past a1's events, its cancel included; his stream of a1 got none of them.
        bobsOfAlicesOrder.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_same_Idempotency_Key_from_two_accounts_makes_two_orders_and_replays_or_refuses_only_within_an_account()
    {
        await using var service = await StartAsync();
        using var alice = await ClientAsync(service, "alice");
        using var bob = await ClientAsync(service, "bob");
        var key = Guid.NewGuid().ToString();
        var apple = Order(Apple, "buy");
        var microsoft = Order(Microsoft, "sell");

        using var alicesFirst = await PostAsync(alice, apple, key);
        using var bobsDifferent = await PostAsync(bob, microsoft, key);
        using var alicesRetry = await PostAsync(alice, apple, key);
        using var bobsRetry = await PostAsync(bob, microsoft, key);
        using var bobsOther = await PostAsync(bob, apple, key);

        alicesFirst.StatusCode.ShouldBe(HttpStatusCode.Created);
        bobsDifferent.StatusCode.ShouldBe(HttpStatusCode.Created, "alice's key is not bob's: no 422 for a different request");
        bobsDifferent.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        var (alicesOrder, bobsOrder) = (await IdOfAsync(alicesFirst), await IdOfAsync(bobsDifferent));
        alicesRetry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await IdOfAsync(alicesRetry)).ShouldBe(alicesOrder);
        bobsRetry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await IdOfAsync(bobsRetry)).ShouldBe(bobsOrder);
        bobsOther.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "bob's own key, used for another request");
        var owners = (await service.OrdersAsync()).ToDictionary(order => order.Id, order => order.AccountId);
        owners.Count.ShouldBe(2);
        owners[alicesOrder].ShouldBe(await AccountIdAsync(service, "alice"));
        owners[bobsOrder].ShouldBe(await AccountIdAsync(service, "bob"));
    }

    private Task<OrdersService> StartAsync() =>
        OrdersService.StartAsync(api, new Dictionary<string, string?> { ["Auth:AllowAnonymous"] = "false", ["Outbox:Dispatch"] = "false" });

    private static async Task<HttpClient> ClientAsync(OrdersService service, string account)
    {
        var client = service.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await OperatorCommand.NewSecretAsync(service, "accounts", "create", account));
        return client;
    }

    private static object Order(string instrument, string side) => new { type = "limit", side, instrument, limit_price = 1.5m, quantity = 10 };

    private static async Task<Guid> PlaceAsync(OrdersService service, HttpClient client, string instrument, string side) =>
        (await service.PlaceOrdersAsync(1, client: client, order: _ => Order(instrument, side))).Single();

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, object order, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(order) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request, Cancellation);
    }

    private static async Task<JsonElement> CancelOpenAsync(HttpClient client, string query)
    {
        using var response = await client.DeleteAsync($"/orders{query}", Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    // What a client sees of a 404, the order's id and the request's own trace id set aside.
    private static async Task<string> AnswerAsync(HttpResponseMessage response, Guid id) =>
        $"{(int)response.StatusCode} {response.Content.Headers.ContentType} "
        + TraceId().Replace((await response.Content.ReadAsStringAsync(Cancellation)).Replace(id.ToString(), "{id}"), "\"traceId\":\"…\"");

    private static async Task<OrderStatus[]> StatusesAsync(OrdersService service, Guid[] ids)
    {
        var statuses = (await service.OrdersAsync()).ToDictionary(order => order.Id, order => order.Status);
        return [.. ids.Select(id => statuses[id])];
    }

    private static IEnumerable<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(order => order.GetProperty("id").GetGuid());

    private static Guid OrderIdOf(ReceivedEvent received) => JsonDocument.Parse(received.Data).RootElement.GetProperty("id").GetGuid();

    private static async Task<Guid> IdOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();

    private static Task<Guid> AccountIdAsync(OrdersService service, string name) =>
        service.QueryAsync(db => db.Accounts.Where(account => account.Name == name).Select(account => account.Id).SingleAsync(Cancellation));

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();
}

public sealed class AccountScopingOnSqliteTests(SqliteOrdersApi api) : AccountScopingTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class AccountScopingOnPostgresTests(PostgresOrdersApi api) : AccountScopingTests(api), IClassFixture<PostgresOrdersApi>;
