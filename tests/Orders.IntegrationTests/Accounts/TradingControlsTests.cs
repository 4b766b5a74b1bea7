using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orders.Domain.Orders;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Accounts;

/// <summary>
/// The pre-trade risk limits (configured defaults, an account's own) and the kill switch, through HTTP with an
/// account's key: a refused order is a 422 naming the limit, or a 403 for a suspended account, and stores nothing.
/// </summary>
public abstract class TradingControlsTests(OrdersApi api)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, int, decimal?, string, string> Breaches => new()
    {
        { "default quantity", 101, null, "quantity", "The quantity is above the account's maximum quantity of 100" },
        { "default notional", 100, 100.01m, "limit_price", "The quantity × limit price is above the account's maximum notional of 10000.00" },
        { "own quantity", 6, null, "quantity", "The quantity is above the account's maximum quantity of 5" },
        { "own notional", 5, 20.01m, "limit_price", "The quantity × limit price is above the account's maximum notional of 100.00" },
    };

    [Theory]
    [MemberData(nameof(Breaches))]
    public async Task An_order_above_a_limit_is_a_422_naming_the_limit_and_stores_nothing(string limits, int quantity, decimal? limitPrice, string field, string message)
    {
        await using var service = await StartAsync();
        var secret = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");
        if (limits.StartsWith("own", StringComparison.Ordinal))
        {
            (await OperatorCommand.RunAsync(service, "accounts", "limits", "alice", "--max-quantity", "5", "--max-notional", "100")).ExitCode.ShouldBe(0);
        }

        var before = (await service.OrdersAsync()).Count + (await service.OutboxAsync()).Count;

        var response = await service.Client.SendAsync(PostOrder(secret, quantity, limitPrice), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        errors.GetProperty(field).EnumerateArray().Select(error => error.GetString()).ShouldBe([message]);
        ((await service.OrdersAsync()).Count + (await service.OutboxAsync()).Count).ShouldBe(before, "nothing stored: no order, no outbox row");
    }

    [Fact]
    public async Task An_order_at_the_limits_is_placed_and_a_market_order_has_no_notional_limit()
    {
        await using var service = await StartAsync();
        var secret = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");

        (await service.Client.SendAsync(PostOrder(secret, 100, 100m), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await service.Client.SendAsync(PostOrder(secret, 100, limitPrice: null), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await service.OrdersAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_suspended_account_gets_403_until_it_is_resumed()
    {
        await using var service = await StartAsync();
        var secret = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");
        (await OperatorCommand.RunAsync(service, "accounts", "suspend", "alice")).ExitCode.ShouldBe(0);

        var refused = await service.Client.SendAsync(PostOrder(secret, 1, limitPrice: null), Cancellation);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("detail").GetString().ShouldBe("The account is suspended: it cannot place orders.");
        (await service.OrdersAsync()).ShouldBeEmpty();
        (await service.OutboxAsync()).ShouldBeEmpty();

        (await OperatorCommand.RunAsync(service, "accounts", "resume", "alice")).ExitCode.ShouldBe(0);
        (await service.Client.SendAsync(PostOrder(secret, 1, limitPrice: null), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Suspending_with_cancel_open_orders_cancels_that_accounts_open_orders_only()
    {
        await using var service = await StartAsync();
        var alice = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");
        var bob = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "bob");
        for (var i = 0; i < 3; i++)
        {
            (await service.Client.SendAsync(PostOrder(alice, 1, limitPrice: null), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (await service.Client.SendAsync(PostOrder(bob, 1, limitPrice: null), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var run = await OperatorCommand.RunAsync(service, "accounts", "suspend", "alice", "--cancel-open-orders");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Lines[^1].ShouldBe("Open orders: 3 cancelled, 0 being cancelled at the exchange");
        var orders = await service.OrdersAsync();
        var aliceId = orders.GroupBy(order => order.AccountId).Single(owner => owner.Count() == 3).Key;
        orders.Where(order => order.AccountId == aliceId).ShouldAllBe(order => order.Status == OrderStatus.Cancelled);
        orders.Single(order => order.AccountId != aliceId).Status.ShouldBe(OrderStatus.Pending, "another account's order is left alone");
    }

    // The dispatcher stays off: orders stay pending, so a cancel ends them at once.
    private Task<OrdersService> StartAsync() =>
        OrdersService.StartAsync(api, new Dictionary<string, string?>
        {
            ["Auth:AllowAnonymous"] = "false",
            ["Outbox:Dispatch"] = "false",
            ["Risk:MaxQuantity"] = "100",
            ["Risk:MaxNotional"] = "10000",
        });

    private static HttpRequestMessage PostOrder(string secret, int quantity, decimal? limitPrice)
    {
        object body = limitPrice is { } price
            ? new { type = "limit", side = "buy", instrument = "US0378331005", limit_price = price, quantity }
            : new { type = "market", side = "buy", instrument = "US0378331005", quantity };
        return new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(body) }.WithKey(secret);
    }
}

public sealed class TradingControlsOnSqliteTests(SqliteOrdersApi api) : TradingControlsTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class TradingControlsOnPostgresTests(PostgresOrdersApi api) : TradingControlsTests(api), IClassFixture<PostgresOrdersApi>;
