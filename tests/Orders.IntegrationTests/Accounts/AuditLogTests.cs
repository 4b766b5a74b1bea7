using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orders.Domain.Orders;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Accounts;

/// <summary>
/// Every operator action is in the audit log, GET /ops/audit, newest first: who (the operator key's id, or
/// command-line), what, on what, when; an action that fails leaves no entry. Operators' keys only.
/// </summary>
public abstract class AuditLogTests(OrdersApi api)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operator_action_is_in_the_audit_log_with_who_did_it_newest_first()
    {
        await using var service = await StartAsync();
        var created = await OperatorCommand.RunAsync(service, "accounts", "create", "alice");
        var client = created.Secret;
        var @operator = await OperatorCommand.RunAsync(service, "keys", "create", "alice", "--operator");
        await OperatorCommand.RunAsync(service, "accounts", "limits", "alice", "--max-quantity", "100");
        await OperatorCommand.RunAsync(service, "accounts", "suspend", "alice", "--cancel-open-orders");
        await OperatorCommand.RunAsync(service, "accounts", "resume", "alice");
        var placed = await service.Client.SendAsync(Post(client), Cancellation);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        await service.QueryAsync(db => db.Orders.Where(order => order.Id == orderId).ExecuteUpdateAsync(order => order.SetProperty(o => o.Status, OrderStatus.Failed), Cancellation));
        (await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/ops/orders/{orderId}/redrive").WithKey(@operator.Secret), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await OperatorCommand.RunAsync(service, "keys", "revoke", created.KeyId);
        (await OperatorCommand.RunAsync(service, "accounts", "suspend", "bob")).ExitCode.ShouldNotBe(0);

        var response = await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ops/audit").WithKey(@operator.Secret), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var entries = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("entries").EnumerateArray().ToList();
        entries.Select(entry => (Text(entry, "actor"), Text(entry, "action"), Text(entry, "target"))).ShouldBe(
        [
            ("command-line", "key.revoke", created.KeyId),
            (@operator.KeyId, "order.redrive", orderId.ToString()),
            ("command-line", "account.resume", "alice"),
            ("command-line", "account.suspend", "alice"),
            ("command-line", "account.limits", "alice"),
            ("command-line", "key.create", @operator.KeyId),
            ("command-line", "account.create", "alice"),
        ]);
        Text(entries[3], "details").ShouldBe("New orders refused; open orders cancelled");
        Text(entries[4], "details").ShouldBe("Max quantity 100, max notional default");
        entries.Select(entry => entry.GetProperty("at").GetDateTime()).ShouldBeInOrder(SortDirection.Descending);

        var limited = await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ops/audit?limit=2").WithKey(@operator.Secret), Cancellation);
        (await limited.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("entries").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task A_client_key_gets_403_and_a_bad_limit_422()
    {
        await using var service = await StartAsync();
        var client = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");
        var @operator = await OperatorCommand.NewSecretAsync(service, "keys", "create", "alice", "--operator");

        var forbidden = await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ops/audit").WithKey(client), Cancellation);
        var invalid = await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ops/audit?limit=0").WithKey(@operator), Cancellation);

        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        forbidden.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        invalid.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    private Task<OrdersService> StartAsync() =>
        OrdersService.StartAsync(api, new Dictionary<string, string?> { ["Auth:AllowAnonymous"] = "false", ["Outbox:Dispatch"] = "false" });

    private static HttpRequestMessage Post(string secret) =>
        new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(new { type = "market", side = "buy", instrument = "US0378331005", quantity = 1 }) }.WithKey(secret);

    private static string? Text(JsonElement entry, string name) => entry.GetProperty(name).GetString();
}

public sealed class AuditLogOnSqliteTests(SqliteOrdersApi api) : AuditLogTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class AuditLogOnPostgresTests(PostgresOrdersApi api) : AuditLogTests(api), IClassFixture<PostgresOrdersApi>;
