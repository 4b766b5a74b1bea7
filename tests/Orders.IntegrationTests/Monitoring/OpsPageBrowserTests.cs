using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Orders.Domain.Accounts;
using Orders.IntegrationTests.Accounts;
using Orders.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Orders.IntegrationTests.Monitoring;

/// <summary>
/// The /ops page in a real browser (Chromium, through Playwright) against a service listening on a port, its exchange
/// the simulator over HTTP: what an operator on call sees and does. Every wait is on the page's state, with room for
/// a slow, shared machine; never a fixed sleep. Leaves a screenshot of the page beside the test assembly.
/// </summary>
public abstract class OpsPageBrowserTests(OrdersApi api)
{
    private const float Patience = 60_000;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Where the screenshot goes (README shows one as docs/ops-page.png).</summary>
    private string ScreenshotPath => Path.Combine(AppContext.BaseDirectory, $"ops-page.{api.Provider}.png");

    [Fact]
    public async Task An_operator_signs_in_watches_the_backlog_grow_and_re_drives_a_group_of_dead_letters_from_the_page()
    {
        await using var exchange = new StandaloneExchange(("Latency", "00:00:00.01"), ("FailureRate", "1"));
        var settings = new Dictionary<string, string?>(exchange.ServiceSettings)
        {
            ["Auth:AllowAnonymous"] = "false",
            ["Outbox:PollInterval"] = "00:00:00.2",
            ["Outbox:BaseBackoff"] = "00:00:00.1",
            ["Outbox:MaxBackoff"] = "00:00:00.5",
        };
        await using var service = await OrdersService.StartListeningOnAsync(api, await api.CreateDatabaseAsync(), settings);
        var @operator = await OperatorCommand.RunAsync(service, "keys", "create", "default", "--operator");
        using var alice = service.Factory.CreateClient();
        alice.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = service.Client.BaseAddress!.ToString(), ViewportSize = new ViewportSize { Width = 1200, Height = 1300 } });
        page.SetDefaultTimeout(Patience);
        SetDefaultExpectTimeout(Patience);
        await page.GotoAsync("/ops");

        // A wrong key is refused on the form, and not shown back.
        var unknown = ApiKey.Issue(AccountRules.DefaultAccountId, ApiKeyRole.Operator, DateTimeOffset.UtcNow).Secret.Reveal();
        await SignInAsync(page, unknown);
        await Expect(page.Locator("#sign-in-error")).ToHaveTextAsync("That key was not accepted: it is unknown, revoked or mistyped.");
        await Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
        await Expect(page.GetByLabel("Operator key")).ToHaveValueAsync("");

        await SignInAsync(page, @operator.Secret);
        await Expect(page.Locator("#session-key")).ToHaveTextAsync(@operator.KeyId);
        await Expect(page.Locator("#backlog")).ToHaveTextAsync("0");

        // The exchange is down: the orders wait, and the backlog shows them.
        await service.PlaceOrdersAsync(4, client: alice);
        await Expect(page.Locator("#backlog")).ToHaveTextAsync("4");

        // The exchange is back but rejects them: they fail at once, one group; then more, for another reason.
        exchange.Set("RejectReason", "instrument halted");
        exchange.Set("RejectOrders", "true");
        exchange.Set("FailureRate", "0");
        var halted = Group(page, "Rejected by the exchange: instrument halted");
        await Expect(halted.Locator("td.count")).ToHaveTextAsync("4");
        await Expect(page.Locator("#backlog")).ToHaveTextAsync("0");
        exchange.Set("RejectReason", "market closed");
        var closedIds = await service.PlaceOrdersAsync(2, client: alice);
        var closed = Group(page, "Rejected by the exchange: market closed");
        await Expect(closed.Locator("td.count")).ToHaveTextAsync("2");
        await Expect(page.Locator("#failed-orders")).ToHaveTextAsync("6");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath, FullPage = true });

        // Accepted again: the first group is re-driven from the page, its count shown before anything happens.
        exchange.Set("RejectOrders", "false");
        var haltedIds = await FailedOrdersAsync(alice, "Rejected by the exchange: instrument halted");
        await halted.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Re-drive…" }).ClickAsync();
        await Expect(page.Locator("#redrive-question")).ToContainTextAsync("Re-drive 4 orders that failed with “Rejected by the exchange: instrument halted”?");
        (await FailedOrdersAsync(alice, "Rejected by the exchange: instrument halted")).Count.ShouldBe(4, "a dry run re-drives nothing");
        await page.Locator("#redrive-confirm").ClickAsync();
        await Expect(page.Locator("#redrive-status")).ToContainTextAsync("Re-driven 4 of 4");
        await Expect(halted).ToHaveCountAsync(0);
        await Expect(closed.Locator("td.count")).ToHaveTextAsync("2");

        // Placed, as the orders API says; the other group's orders still failed.
        await Eventually.HoldsAsync(
            async () => (await Task.WhenAll(haltedIds.Select(id => StatusAsync(alice, id)))).All(status => status == "placed"),
            TimeSpan.FromSeconds(Patience / 1000),
            "the re-driven orders placed");
        (await Task.WhenAll(closedIds.Select(id => StatusAsync(alice, id)))).ShouldAllBe(status => status == "failed");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("Operator key")).ToBeVisibleAsync();
        await Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
    }

    private static async Task SignInAsync(IPage page, string key)
    {
        await page.GetByLabel("Operator key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
    }

    private static ILocator Group(IPage page, string reason) =>
        page.Locator("#dead-letter-groups tr").Filter(new LocatorFilterOptions { Has = page.Locator("td.reason", new PageLocatorOptions { HasTextString = reason }) });

    private static async Task<List<Guid>> FailedOrdersAsync(HttpClient client, string reason)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/orders?status=failed&limit=500", Cancellation);
        return [.. page.GetProperty("items").EnumerateArray()
            .Where(order => order.GetProperty("failure_reason").GetString() == reason)
            .Select(order => order.GetProperty("id").GetGuid())];
    }

    private static async Task<string?> StatusAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/orders/{id}", Cancellation)).GetProperty("status").GetString();
}

public sealed class OpsPageBrowserOnSqliteTests(SqliteOrdersApi api) : OpsPageBrowserTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class OpsPageBrowserOnPostgresTests(PostgresOrdersApi api) : OpsPageBrowserTests(api), IClassFixture<PostgresOrdersApi>;
