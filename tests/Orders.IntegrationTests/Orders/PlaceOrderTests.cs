using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orders.Infrastructure.Outbox;
using Orders.Infrastructure.Persistence;
using Orders.IntegrationTests.Fixtures;
using Orders.Web.Controllers;

namespace Orders.IntegrationTests.Orders;

/// <summary>The POST /orders contract an existing client depends on, against each database provider.</summary>
public abstract class PlaceOrderTests(OrdersApi api)
{
    private const string ContractErrorBody = """{"message":"Internal server error while placing the order"}""";

    private const string ValidLimitOrder = """{"type":"limit","side":"buy","instrument":"US0378331005","limit_price":150.25,"quantity":10}""";

    [Fact]
    public async Task A_valid_limit_order_is_stored_with_its_outbox_row_and_answered_with_201()
    {
        var response = await PostJsonAsync(ValidLimitOrder);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await ReadJsonAsync(response);
        var id = body.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/orders/{id}");
        body.EnumerateObject().Select(property => property.Name).ShouldBe(
            ["id", "created_at", "type", "side", "instrument", "limit_price", "quantity", "status"], ignoreOrder: true);
        body.GetProperty("type").GetString().ShouldBe("limit");
        body.GetProperty("side").GetString().ShouldBe("buy");
        body.GetProperty("instrument").GetString().ShouldBe("US0378331005");
        body.GetProperty("limit_price").GetDecimal().ShouldBe(150.25m);
        body.GetProperty("quantity").GetInt32().ShouldBe(10);
        body.GetProperty("status").GetString().ShouldBe("pending");
        body.GetProperty("created_at").GetString().ShouldEndWith("Z");
        id.Version.ShouldBe(7);

        var stored = await api.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(order => order.Id == id, TestContext.Current.CancellationToken));
        stored.LimitPrice.ShouldBe(150.25m);
        stored.CreatedAt.ShouldBe(body.GetProperty("created_at").GetDateTime().ToUniversalTime());
        var outbox = await api.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(message => message.Payload.Contains(id.ToString())).ToListAsync());
        outbox.ShouldHaveSingleItem().Type.ShouldBe("order-accepted.v1");
    }

    [Fact]
    public async Task A_market_order_has_a_null_limit_price_and_keeps_the_instruments_case()
    {
        var response = await PostJsonAsync("""{"type":"market","side":"sell","instrument":"abcdefghijkl","limit_price":null,"quantity":2147483647}""");

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await ReadJsonAsync(response);
        body.GetProperty("limit_price").ValueKind.ShouldBe(JsonValueKind.Null);
        body.GetProperty("instrument").GetString().ShouldBe("abcdefghijkl");
        body.GetProperty("side").GetString().ShouldBe("sell");
        body.GetProperty("quantity").GetInt32().ShouldBe(int.MaxValue);
    }

    public static TheoryData<string, string, string?> InvalidBodies => new()
    {
        { """{"type":"limit","side":"buy","instrument":"US0378331005","quantity":10}""", "limit_price", "Attribute `limit_price` is required for type `limit`" },
        { """{"type":"limit","side":"buy","instrument":"US0378331005","limit_price":null,"quantity":10}""", "limit_price", "Attribute `limit_price` is required for type `limit`" },
        { """{"type":"market","side":"buy","instrument":"US0378331005","limit_price":150,"quantity":10}""", "limit_price", "Providing a `limit_price` is prohibited for type `market`" },
        { """{"type":"limit","side":"buy","instrument":"US0378331005","limit_price":0,"quantity":10}""", "limit_price", "Attribute `limit_price` must be greater than 0 with at most 2 decimal places" },
        { """{"type":"limit","side":"buy","instrument":"US0378331005","limit_price":-1.5,"quantity":10}""", "limit_price", null },
        { """{"type":"limit","side":"buy","instrument":"US0378331005","limit_price":1.234,"quantity":10}""", "limit_price", null },
        { """{"type":"limit","side":"buy","instrument":"US0378331005","limit_price":"150","quantity":10}""", "limit_price", null },
        { """{"type":"market","side":"buy","instrument":"US037833100","quantity":10}""", "instrument", "Attribute `instrument` must be exactly 12 ASCII letters or digits" },
        { """{"type":"market","side":"buy","instrument":"US03783310055","quantity":10}""", "instrument", null },
        { """{"type":"market","side":"buy","instrument":"US037833100é","quantity":10}""", "instrument", null },
        { """{"type":"market","side":"buy","instrument":"US03783310 5","quantity":10}""", "instrument", null },
        { """{"type":"market","side":"buy","instrument":12345678901,"quantity":10}""", "instrument", null },
        { """{"type":"market","side":"buy","instrument":"US0378331005","quantity":0}""", "quantity", "Attribute `quantity` must be a whole number greater than 0" },
        { """{"type":"market","side":"buy","instrument":"US0378331005","quantity":-3}""", "quantity", null },
        { """{"type":"market","side":"buy","instrument":"US0378331005","quantity":1.5}""", "quantity", null },
        { """{"type":"market","side":"buy","instrument":"US0378331005","quantity":2147483648}""", "quantity", null },
        { """{"type":"market","side":"buy","instrument":"US0378331005","quantity":"10"}""", "quantity", null },
        { """{"type":"stop","side":"buy","instrument":"US0378331005","quantity":10}""", "type", null },
        { """{"type":0,"side":"buy","instrument":"US0378331005","quantity":10}""", "type", null },
        { """{"type":"market","side":"hold","instrument":"US0378331005","quantity":10}""", "side", null },
        { """{"type":"market","side":"buy,sell","instrument":"US0378331005","quantity":10}""", "side", null },
        { """{"type":"market","side":" buy","instrument":"US0378331005","quantity":10}""", "side", null },
        { """{"type":"limit, market","side":"buy","instrument":"US0378331005","limit_price":1,"quantity":10}""", "type", null },
        { """{"side":"buy","instrument":"US0378331005","quantity":10}""", "type", "Attribute `type` is required" },
        { """{"type":"market","instrument":"US0378331005","quantity":10}""", "side", "Attribute `side` is required" },
        { """{"type":"market","side":"buy","quantity":10}""", "instrument", "Attribute `instrument` is required" },
        { """{"type":"market","side":"buy","instrument":"US0378331005"}""", "quantity", "Attribute `quantity` is required" },
        { """{"type":"market","side":"buy",""", "body", null },
        { "not json", "body", null },
        { "[]", "body", null },
        { "null", "body", null },
        { "", "body", null },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_body_gets_422_problem_details_naming_the_field_and_stores_nothing(string json, string field, string? message)
    {
        var ordersBefore = await CountOrdersAsync();

        var response = await PostJsonAsync(json);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await ReadJsonAsync(response)).GetProperty("errors");
        var messages = errors.GetProperty(field).EnumerateArray().Select(error => error.GetString()).ToList();
        messages.ShouldNotBeEmpty();
        if (message is not null)
        {
            messages.ShouldContain(message);
        }

        (await CountOrdersAsync()).ShouldBe(ordersBefore);
    }

    public static TheoryData<string, bool> OtherCharsets => new()
    {
        { "utf-16", false },
        { "utf-16", true },
        { "utf-16be", false },
        { "iso-8859-1", false },
        { "us-ascii", false },
    };

    [Theory]
    [MemberData(nameof(OtherCharsets))]
    public async Task A_body_in_a_charset_other_than_UTF8_gets_415_problem_details_and_stores_nothing(string charset, bool oddByteCount)
    {
        var ordersBefore = await CountOrdersAsync();
        var body = Encoding.GetEncoding(charset).GetBytes(ValidLimitOrder);
        body = oddByteCount ? [.. body, (byte)'}'] : body;

        var response = await PostBytesAsync(body, $"application/json; charset={charset}");

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await ReadJsonAsync(response)).GetProperty("status").GetInt32().ShouldBe(415);
        (await CountOrdersAsync()).ShouldBe(ordersBefore);
    }

    [Theory]
    [InlineData("application/json", "text/plain")]
    [InlineData("application/json", "application/json")]
    [InlineData("application/json, text/plain")]
    public async Task A_request_with_more_than_one_content_type_gets_415_problem_details_and_stores_nothing(params string[] contentTypes)
    {
        var ordersBefore = await CountOrdersAsync();

        var context = await api.Factory.Server.SendAsync(
            http =>
            {
                http.Request.Method = HttpMethods.Post;
                http.Request.Path = "/orders";
                http.Request.Headers.ContentType = contentTypes;
                http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(ValidLimitOrder));
            },
            TestContext.Current.CancellationToken);

        context.Response.StatusCode.ShouldBe(StatusCodes.Status415UnsupportedMediaType);
        context.Response.ContentType.ShouldStartWith("application/problem+json");
        (await CountOrdersAsync()).ShouldBe(ordersBefore);
    }

    [Theory]
    [InlineData("GET", "/orders/not-a-uuid", "text/plain", 404)]
    [InlineData("PUT", "/orders", "application/json", 405)]
    [InlineData("POST", "/orders", "text/plain", 415)]
    public async Task A_client_error_is_problem_details_whatever_the_client_accepts(string method, string path, string contentType, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(ValidLimitOrder, Encoding.UTF8, contentType) };
        request.Headers.Accept.ParseAdd("text/html");

        var response = await api.Client.SendAsync(request, TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await ReadJsonAsync(response)).GetProperty("status").GetInt32().ShouldBe(status);
    }

    // Each body is a valid order but for the bytes put in place of '#', which are not UTF-8.
    public static TheoryData<string, byte[]> BodiesWithBytesThatAreNotUtf8 => new()
    {
        { """{"type":"market","side":"buy","instrument":"US037833100#","quantity":10}""", [0xFF] },
        { """{"type":"market","side":"buy","instrument":"US0378331005","quantity":10,"note":"caf#"}""", [0xC3, 0x28] },
        { """{"type":"market","side":"buy","instrument":"US0378331005","quantity":10,"n#te":"x"}""", [0xED, 0xA0, 0x80] },
        { """{"type":"market","side":"buy","instrument":"US0378331005","quantity":10,"note":"#"}""", [0xC0, 0xAF] },
        { """{"type":"market","side":"buy","instrument":"US0378331005","quantity":10,"note":"#"}""", [0xE2, 0x82] },
    };

    [Theory]
    [MemberData(nameof(BodiesWithBytesThatAreNotUtf8))]
    public async Task A_body_whose_bytes_are_not_UTF8_gets_422_keyed_body_and_stores_nothing(string json, byte[] notUtf8)
    {
        var ordersBefore = await CountOrdersAsync();
        var marker = json.IndexOf('#', StringComparison.Ordinal);
        byte[] body = [.. Encoding.UTF8.GetBytes(json[..marker]), .. notUtf8, .. Encoding.UTF8.GetBytes(json[(marker + 1)..])];

        var response = await PostBytesAsync(body, "application/json; charset=utf-8");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await ReadJsonAsync(response)).GetProperty("errors");
        errors.EnumerateObject().Select(error => error.Name).ShouldBe(["body"]);
        (await CountOrdersAsync()).ShouldBe(ordersBefore);
    }

    [Fact]
    public async Task A_UTF8_body_arriving_a_byte_at_a_time_is_read_with_its_characters_split_between_reads()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":"market","side":"buy","instrument":"US0378331005","quantity":10,"note":"café ✓ 𝄞"}""");

        var status = await PostTrickledAsync(body, bytesPerRead: 1);

        status.ShouldBe(StatusCodes.Status201Created);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task A_UTF8_byte_order_mark_before_the_body_is_skipped_however_the_bytes_arrive(int bytesPerRead)
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(ValidLimitOrder)];

        var status = await PostTrickledAsync(body, bytesPerRead);

        status.ShouldBe(StatusCodes.Status201Created);
    }

    [Fact]
    public async Task A_placed_order_can_be_read_back_with_the_same_fields()
    {
        var created = await ReadJsonAsync(await PostJsonAsync(ValidLimitOrder));

        var response = await api.Client.GetAsync(
            $"/orders/{created.GetProperty("id").GetGuid()}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var order = await ReadJsonAsync(response);
        foreach (var field in new[] { "id", "created_at", "type", "side", "instrument", "limit_price", "quantity" })
        {
            order.GetProperty(field).GetRawText().ShouldBe(created.GetProperty(field).GetRawText(), field);
        }

        order.GetProperty("status").GetString().ShouldBeOneOf("pending", "placed");
    }

    [Theory]
    [InlineData("/orders/0196a5f2-0000-7000-8000-000000000000")]
    [InlineData("/orders/not-a-uuid")]
    public async Task An_unknown_or_malformed_id_gets_404_problem_details(string path)
    {
        var response = await api.Client.GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task When_the_database_is_unreachable_the_client_gets_the_contracts_500()
    {
        await using var factory = api.CreateFactory(api.UnreachableDatabase, new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });

        var response = await factory.CreateClient().PostAsync(
            "/orders", new StringContent(ValidLimitOrder, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(ContractErrorBody);
    }

    [Fact]
    public async Task When_writing_the_outbox_row_fails_the_order_is_not_stored_either()
    {
        var connectionString = await api.CreateDatabaseAsync();
        await using var factory = api.CreateFactory(connectionString, new Dictionary<string, string?>());
        using var client = factory.CreateClient();
        await BreakOutboxInsertsAsync(factory);

        var response = await client.PostAsync(
            "/orders", new StringContent(ValidLimitOrder, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(ContractErrorBody);
        await using var scope = factory.Services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        (await dbContext.Orders.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
        (await dbContext.OutboxMessages.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
    }

    [Fact]
    public async Task Two_hundred_concurrent_orders_are_all_stored_each_with_its_outbox_row()
    {
        var ordersBefore = await CountOrdersAsync();
        // Placements only: the class's earlier orders may still be filling, and each fill is a relay row too.
        var outboxBefore = await api.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Type == OutboxEventTypes.OrderAccepted));

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => PostJsonAsync(ValidLimitOrder)));

        responses.ShouldAllBe(response => response.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async response => (await ReadJsonAsync(response)).GetProperty("id").GetGuid()));
        ids.Distinct().Count().ShouldBe(200);
        (await CountOrdersAsync()).ShouldBe(ordersBefore + 200);
        (await api.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Type == OutboxEventTypes.OrderAccepted))).ShouldBe(outboxBefore + 200);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_with_413_not_a_service_error_and_stores_nothing()
    {
        // Kestrel enforces the limit, so this service listens on a real socket.
        await using var factory = api.CreateFactory(api.ConnectionString, new Dictionary<string, string?>());
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.ClientOptions.BaseAddress;
        var ordersBefore = await CountOrdersAsync();

        using var connection = new TcpClient();
        await connection.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
        await using var stream = connection.GetStream();
        var request = $"POST /orders HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{ValidLimitOrder}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        var response = await new StreamReader(stream).ReadToEndAsync(TestContext.Current.CancellationToken);

        response.ShouldStartWith("HTTP/1.1 413");
        response.ShouldNotContain(OrdersController.PlaceOrderErrorMessage);
        (await CountOrdersAsync()).ShouldBe(ordersBefore);
    }

    private Task<int> CountOrdersAsync() => api.QueryAsync(db => db.Orders.CountAsync());

    private Task<HttpResponseMessage> PostJsonAsync(string json) =>
        api.Client.PostAsync("/orders", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private Task<HttpResponseMessage> PostBytesAsync(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return api.Client.PostAsync("/orders", content, TestContext.Current.CancellationToken);
    }

    // Through the test server, whose request body is the stream given: a few bytes a read, as over a slow network.
    private async Task<int> PostTrickledAsync(byte[] body, int bytesPerRead)
    {
        var context = await api.Factory.Server.SendAsync(
            http =>
            {
                http.Request.Method = HttpMethods.Post;
                http.Request.Path = "/orders";
                http.Request.ContentType = "application/json";
                http.Request.Body = new TrickleStream(body, bytesPerRead);
            },
            TestContext.Current.CancellationToken);
        return context.Response.StatusCode;
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

    private async Task BreakOutboxInsertsAsync(OrdersApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Database.ExecuteSqlRawAsync(api.Sql.FailWrites("INSERT", "outbox_messages"));
    }
}

public sealed class PlaceOrderOnSqliteTests(SqliteOrdersApi api) : PlaceOrderTests(api), IClassFixture<SqliteOrdersApi>;

public sealed class PlaceOrderOnPostgresTests(PostgresOrdersApi api) : PlaceOrderTests(api), IClassFixture<PostgresOrdersApi>;

[Trait("Database", "SqlServer")]
public sealed class PlaceOrderOnSqlServerTests(SqlServerOrdersApi api) : PlaceOrderTests(api), IClassFixture<SqlServerOrdersApi>;
