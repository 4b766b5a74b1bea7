using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orders.IntegrationTests.Accounts;
using Orders.IntegrationTests.Executions;
using Orders.IntegrationTests.Fixtures;
using Orders.IntegrationTests.Outbox;
using YamlDotNet.RepresentationModel;

namespace Orders.IntegrationTests.Monitoring;

/// <summary>
/// /metrics, Prometheus' text format, as a scraper sees it: an operator's key only, absent with telemetry off; and every
/// metric that the repository's alert rules and dashboard query is one it exports.
/// </summary>
public abstract partial class MetricsEndpointTests(OrdersApi api)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_needs_an_operator_key_no_key_is_401_a_client_key_403_and_it_is_not_rate_limited()
    {
        await using var service = await OrdersService.StartAsync(api, Settings(anonymous: false));
        var client = await OperatorCommand.NewSecretAsync(service, "accounts", "create", "alice");
        var @operator = await OperatorCommand.NewSecretAsync(service, "keys", "create", "alice", "--operator");

        (await ScrapeAsync(service, key: null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ScrapeAsync(service, client)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var scraped = await ScrapeAsync(service, @operator);

        scraped.StatusCode.ShouldBe(HttpStatusCode.OK);
        scraped.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await scraped.Content.ReadAsStringAsync(Cancellation)).ShouldContain("orders_outbox_pending");
        scraped.Headers.Contains("RateLimit").ShouldBeFalse();
    }

    [Fact]
    public async Task With_OpenTelemetry_off_there_is_no_metrics_endpoint()
    {
        var settings = Settings(anonymous: false);
        settings["OpenTelemetry:Enabled"] = "false";
        await using var service = await OrdersService.StartAsync(api, settings);
        var @operator = await OperatorCommand.NewSecretAsync(service, "keys", "create", "default", "--operator");

        (await ScrapeAsync(service, @operator)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_metric_the_alert_rules_and_the_Grafana_dashboard_query_is_one_the_service_exports()
    {
        var rules = RuleExpressions(Path.Combine(AppContext.BaseDirectory, "deploy", "prometheus", "alerts.yml"));
        var panels = DashboardExpressions(Path.Combine(AppContext.BaseDirectory, "deploy", "grafana", "orders.json"));
        rules.ShouldNotBeEmpty();
        panels.ShouldNotBeEmpty();
        var wanted = rules.Concat(panels).SelectMany(MetricNames).ToHashSet();

        // Each metric appears once something has happened to it: an order accepted, replayed, refused, placed and filled.
        await using var service = await OrdersService.StartAsync(api, Settings(anonymous: true));
        (await PostAsync(service, "key-1", quantity: 1)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostAsync(service, "key-1", quantity: 1)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostAsync(service, "key-1", quantity: 2)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var id = (await service.PlaceOrdersAsync(1)).Single();
        string? exchangeOrderId = null;
        await Eventually.HoldsAsync(
            async () => (exchangeOrderId = (await service.Client.GetFromJsonAsync<JsonElement>($"/orders/{id}", Cancellation))
                .GetProperty("exchange_order_id").GetString()) is not null,
            TimeSpan.FromSeconds(30),
            "the order placed");
        var fill = ExecutionWebhook.Fill(id, "E-1", 1, quantity: 1, price: 100.25m, exchangeOrderId!);
        await ExecutionWebhook.PushAsync(service.Client, fill);
        await ExecutionWebhook.PushAsync(service.Client, fill);

        // The gauges and the jobs' metrics come from background work: on a busy machine that can take a while.
        IReadOnlySet<string> exported = new HashSet<string>();
        await Eventually.HoldsAsync(
            async () => wanted.IsSubsetOf(exported = await ExportedNamesAsync(service)),
            TimeSpan.FromSeconds(60),
            () => $"not exported: {string.Join(", ", wanted.Except(exported))}");
    }

    private static Dictionary<string, string?> Settings(bool anonymous)
    {
        var settings = DispatchSettings.Scheduled(failureRate: 0);
        settings["Auth:AllowAnonymous"] = anonymous ? "true" : "false";
        settings["Exchange:WebhookSecret"] = ExecutionWebhook.Secret;
        return settings;
    }

    private static async Task<HttpResponseMessage> ScrapeAsync(OrdersService service, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        return await service.Client.SendAsync(key is null ? request : request.WithKey(key), Cancellation);
    }

    private static async Task<HttpResponseMessage> PostAsync(OrdersService service, string idempotencyKey, int quantity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = JsonContent.Create(new { type = "limit", side = "buy", instrument = "US0378331005", limit_price = 100.25m, quantity }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await service.Client.SendAsync(request, Cancellation);
    }

    // The names of the samples a scrape returns (a histogram's _bucket, _sum and _count, a counter's _total).
    private static async Task<IReadOnlySet<string>> ExportedNamesAsync(OrdersService service)
    {
        using var response = await ScrapeAsync(service, key: null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        return text.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(line => SampleName().Match(line).Value).ToHashSet();
    }

    private static List<string> RuleExpressions(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            yaml.Load(reader);
        }

        return [.. yaml.Documents.SelectMany(document => ValuesOf(document.RootNode, "expr"))];
    }

    private static IEnumerable<string> ValuesOf(YamlNode node, string key) => node switch
    {
        YamlMappingNode mapping => mapping.Children.SelectMany(child =>
            child.Key is YamlScalarNode { Value: { } name } && name == key && child.Value is YamlScalarNode { Value: { } value }
                ? [value]
                : ValuesOf(child.Value, key)),
        YamlSequenceNode sequence => sequence.Children.SelectMany(child => ValuesOf(child, key)),
        _ => [],
    };

    private static List<string> DashboardExpressions(string path)
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(path));
        return [.. ExpressionsIn(dashboard.RootElement)];
    }

    private static IEnumerable<string> ExpressionsIn(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property =>
            property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String ? [property.Value.GetString()!] : ExpressionsIn(property.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(ExpressionsIn),
        _ => [],
    };

    /// <summary>
    /// The metrics a PromQL expression selects: its identifiers less label matchers, grouping labels, ranges, strings,
    /// functions (an identifier before a parenthesis) and keywords.
    /// </summary>
    private static IEnumerable<string> MetricNames(string expression)
    {
        var selectors = NotNamingMetrics().Replace(GroupingLabels().Replace(expression, " "), " ");
        return Identifier().Matches(selectors).Select(match => match.Value).Where(name => !Keywords.Contains(name));
    }

    private static readonly HashSet<string> Keywords = ["and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right"];

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex GroupingLabels();

    [GeneratedRegex(@"\{[^}]*\}|\[[^\]]*\]|""[^""]*""")]
    private static partial Regex NotNamingMetrics();

    [GeneratedRegex(@"(?<![\w:.$])[a-zA-Z_][\w:]*(?![\w:])(?!\s*\()")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^[a-zA-Z_:][\w:]*")]
    private static partial Regex SampleName();
}

[Collection(nameof(ProcessMetricsCollection))]
public sealed class MetricsEndpointOnSqliteTests(SqliteOrdersApi api) : MetricsEndpointTests(api), IClassFixture<SqliteOrdersApi>;

[Collection(nameof(ProcessMetricsCollection))]
public sealed class MetricsEndpointOnPostgresTests(PostgresOrdersApi api) : MetricsEndpointTests(api), IClassFixture<PostgresOrdersApi>;

/// <summary>
/// Tests that scrape /metrics run alone. OpenTelemetry's meter provider subscribes to meters by name, so in a process
/// hosting several services it also takes the instruments of the others, sharing one stream per identical instrument;
/// when another service stops, its instruments end that shared stream and this service's measurements stop being
/// exported. One service per process (production) never meets this.
/// </summary>
[CollectionDefinition(nameof(ProcessMetricsCollection), DisableParallelization = true)]
public sealed class ProcessMetricsCollection;
