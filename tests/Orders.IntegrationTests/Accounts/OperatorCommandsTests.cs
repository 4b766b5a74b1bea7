using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Accounts;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Accounts;

/// <summary>
/// The operators' commands of the service itself (`accounts …`, `keys …`) against the configured database: what they
/// print, what they store, and that the keys they print authenticate; bad input is refused with a message and a
/// non-zero exit code, and stores nothing.
/// </summary>
public abstract class OperatorCommandsTests(OrdersApi api)
{
    private static readonly object MarketOrder = new { type = "market", side = "buy", instrument = "US0378331005", quantity = 1 };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accounts_create_prints_the_account_and_its_first_client_key_which_places_orders_for_it()
    {
        await using var service = await StartAsync();

        var run = await OperatorCommand.RunAsync(service, "accounts", "create", "alice");

        run.ExitCode.ShouldBe(0, run.Error);
        var account = (await AccountsAsync(service)).Single(stored => stored.Name == "alice");
        run.Lines[0].ShouldBe($"Account alice ({account.Id}): active, max quantity default, max notional default");
        run.Lines[1].ShouldBe($"Key {run.KeyId} (client) of account {account.Id}; its secret, shown only now:");
        run.Secret.Length.ShouldBe(47);
        var key = (await KeysAsync(service)).ShouldHaveSingleItem();
        (key.Id, key.AccountId, key.Role).ShouldBe((run.KeyId, account.Id, ApiKeyRole.Client));
        key.SecretHash.ShouldBe(SHA256.HashData(Encoding.ASCII.GetBytes(run.Secret)), "only the secret's hash is stored");

        var placed = await service.Client.SendAsync(PostOrder(run.Secret), Cancellation);
        placed.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await service.OrdersAsync()).ShouldHaveSingleItem().AccountId.ShouldBe(account.Id);
    }

    [Fact]
    public async Task Keys_create_gives_an_account_named_by_name_or_id_another_key_an_operator_one_with_the_flag()
    {
        await using var service = await StartAsync();
        await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");
        var id = (await AccountsAsync(service)).Single(stored => stored.Name == "alice").Id;

        var client = await OperatorCommand.RunAsync(service, "keys", "create", "alice");
        var @operator = await OperatorCommand.RunAsync(service, "keys", "create", id.ToString(), "--operator");

        client.Lines[0].ShouldBe($"Key {client.KeyId} (client) of account {id}; its secret, shown only now:");
        @operator.Lines[0].ShouldBe($"Key {@operator.KeyId} (operator) of account {id}; its secret, shown only now:");
        (await service.Client.SendAsync(Get("/ops/jobs", client.Secret), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await service.Client.SendAsync(Get("/ops/jobs", @operator.Secret), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await KeysAsync(service)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Keys_revoke_ends_a_key_and_leaves_the_others()
    {
        await using var service = await StartAsync();
        var first = await OperatorCommand.RunAsync(service, "accounts", "create", "alice");
        var second = await OperatorCommand.RunAsync(service, "keys", "create", "alice");

        var run = await OperatorCommand.RunAsync(service, "keys", "revoke", first.KeyId);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldStartWith($"Key {first.KeyId} of account ");
        (await service.Client.SendAsync(Get("/orders", first.Secret), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await service.Client.SendAsync(Get("/orders", second.Secret), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Accounts_limits_suspend_and_resume_change_the_stored_account()
    {
        await using var service = await StartAsync();
        await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");

        var limits = await OperatorCommand.RunAsync(service, "accounts", "limits", "alice", "--max-quantity", "100", "--max-notional", "5000.50");
        var afterLimits = await AliceAsync(service);
        var suspend = await OperatorCommand.RunAsync(service, "accounts", "suspend", "alice");
        var afterSuspend = await AliceAsync(service);
        var resume = await OperatorCommand.RunAsync(service, "accounts", "resume", "alice");
        var afterResume = await AliceAsync(service);

        limits.Output.ShouldBe($"Account alice ({afterLimits.Id}): active, max quantity 100, max notional 5000.50{Environment.NewLine}");
        (afterLimits.MaxQuantity, afterLimits.MaxNotional).ShouldBe((100, 5000.50m));
        suspend.Output.ShouldStartWith($"Account alice ({afterLimits.Id}): suspended");
        afterSuspend.Status.ShouldBe(AccountStatus.Suspended);
        resume.Output.ShouldStartWith($"Account alice ({afterLimits.Id}): active");
        afterResume.Status.ShouldBe(AccountStatus.Active);
        (await OperatorCommand.RunAsync(service, "accounts", "limits", "alice")).ExitCode.ShouldBe(0);
        ((await AliceAsync(service)).MaxQuantity, (await AliceAsync(service)).MaxNotional).ShouldBe(((int?)null, (decimal?)null), "no limit given: back to the defaults");
    }

    [Theory]
    [InlineData("accounts|create|bad name", AccountRules.NameMessage)]
    [InlineData("accounts|create|alice", "An account named 'alice' already exists.")]
    [InlineData("keys|create|bob", "Account 'bob' was not found.")]
    [InlineData("keys|revoke|key_0000000000000000", "Key 'key_0000000000000000' was not found.")]
    [InlineData("keys|revoke|nope", AccountRules.KeyIdMessage)]
    [InlineData("accounts|limits|alice|--max-quantity|0", AccountRules.MaxQuantityMessage)]
    [InlineData("accounts|limits|alice|--max-notional|10.001", AccountRules.MaxNotionalMessage)]
    [InlineData("accounts|suspend|bob", "Account 'bob' was not found.")]
    [InlineData("accounts|limits|alice|--max-quantity|many", "many")]
    [InlineData("accounts|frobnicate|alice", "frobnicate")]
    [InlineData("keys|create|alice|--admin", "--admin")]
    public async Task Bad_input_exits_non_zero_with_a_message_and_changes_nothing(string args, string message)
    {
        await using var service = await StartAsync();
        await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");
        var before = (await AccountsAsync(service), await KeysAsync(service));

        var run = await OperatorCommand.RunAsync(service, args.Split('|'));

        run.ExitCode.ShouldNotBe(0);
        run.Error.ShouldContain(message);
        run.Output.ShouldNotContain("ord_");
        (await AccountsAsync(service)).ShouldBeEquivalentTo(before.Item1);
        (await KeysAsync(service)).ShouldBeEquivalentTo(before.Item2);
    }

    private Task<OrdersService> StartAsync() =>
        OrdersService.StartAsync(api, new Dictionary<string, string?> { ["Auth:AllowAnonymous"] = "false", ["Outbox:Dispatch"] = "false" });

    private static HttpRequestMessage PostOrder(string secret) => new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(MarketOrder) }.WithKey(secret);

    private static HttpRequestMessage Get(string path, string secret) => new HttpRequestMessage(HttpMethod.Get, path).WithKey(secret);

    private static Task<List<Account>> AccountsAsync(OrdersService service) =>
        service.QueryAsync(db => db.Accounts.AsNoTracking().OrderBy(account => account.Name).ToListAsync(Cancellation));

    private static Task<List<ApiKey>> KeysAsync(OrdersService service) =>
        service.QueryAsync(db => db.ApiKeys.AsNoTracking().OrderBy(key => key.Id).ToListAsync(Cancellation));

    private static Task<Account> AliceAsync(OrdersService service) =>
        service.QueryAsync(db => db.Accounts.AsNoTracking().SingleAsync(account => account.Name == "alice", Cancellation));
}

public sealed class OperatorCommandsOnSqliteTests(SqliteOrdersApi api) : OperatorCommandsTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class OperatorCommandsOnPostgresTests(PostgresOrdersApi api) : OperatorCommandsTests(api), IClassFixture<PostgresOrdersApi>;
