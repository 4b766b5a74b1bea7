using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.Monitoring;

/// <summary>
/// The log as a running service writes it to its standard output, plain text or JSON lines, with the caller's trace:
/// a request sent with a W3C traceparent is found in the log by its trace id.
/// </summary>
[Collection(nameof(CallerTraceCollection))]
public sealed partial class LogOutputTests
{
    private const string MarketOrder = """{"type":"market","side":"buy","instrument":"US0378331005","quantity":1}""";

    [Fact]
    public async Task With_json_logging_every_line_is_a_compact_json_object_and_the_request_line_carries_the_callers_trace_id()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string?> { ["Logging:Json"] = "true" });
        var (traceId, parentId, orderId) = await PlaceTracedOrderAsync(service);

        var line = await OutputLineAsync(service, line => line.Contains($"\"@tr\":\"{traceId}\"", StringComparison.Ordinal) && line.Contains("\"RequestPath\"", StringComparison.Ordinal));

        foreach (var written in service.Output)
        {
            using var json = JsonDocument.Parse(written);
            json.RootElement.ValueKind.ShouldBe(JsonValueKind.Object, written);
            json.RootElement.TryGetProperty("@t", out _).ShouldBeTrue(written);
            json.RootElement.TryGetProperty("@mt", out _).ShouldBeTrue(written);
        }

        var request = JsonDocument.Parse(line).RootElement;
        request.GetProperty("@mt").GetString().ShouldBe("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms");
        request.GetProperty("RequestMethod").GetString().ShouldBe("POST");
        request.GetProperty("RequestPath").GetString().ShouldBe("/orders");
        request.GetProperty("StatusCode").GetInt32().ShouldBe(201);
        request.GetProperty("Elapsed").GetDouble().ShouldBeGreaterThan(0);
        request.GetProperty("OrderId").GetGuid().ShouldBe(orderId);
        var spanId = request.GetProperty("@sp").GetString()!;
        spanId.ShouldMatch("^[0-9a-f]{16}$");
        spanId.ShouldNotBe(parentId, "the service's own span, a child of the caller's");
    }

    [Fact]
    public async Task With_plain_text_logging_the_request_line_reads_as_text_and_ends_with_the_callers_trace_id_and_the_services_span_id()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string?> { ["Logging:Json"] = "false" });
        var (traceId, parentId, orderId) = await PlaceTracedOrderAsync(service);

        var line = await OutputLineAsync(service, line => line.Contains(traceId, StringComparison.Ordinal));

        var match = TextRequestLine().Match(line);
        match.Success.ShouldBeTrue(line);
        match.Groups["order"].Value.ShouldBe(orderId.ToString());
        match.Groups["trace"].Value.ShouldBe(traceId);
        match.Groups["span"].Value.ShouldNotBe(parentId);
    }

    // E.g. [14:03:07 INF] HTTP POST /orders responded 201 in 23.4567 ms {"OrderId":"…",…} 4bf92f35…4736 00f067aa0ba902b7
    [GeneratedRegex("""^\[\d\d:\d\d:\d\d INF\] HTTP POST /orders responded 201 in \d+\.\d{4} ms \{"OrderId":"(?<order>[0-9a-f-]{36})".*\} (?<trace>[0-9a-f]{32}) (?<span>[0-9a-f]{16})$""")]
    private static partial Regex TextRequestLine();

    /// <summary>Places an order as a traced caller would: its traceparent header names the trace and the caller's span.</summary>
    private static async Task<(string TraceId, string ParentId, Guid OrderId)> PlaceTracedOrderAsync(ServiceProcess service)
    {
        var (traceId, parentId) = (ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent(MarketOrder, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("traceparent", $"00-{traceId}-{parentId}-01");
        var response = await service.Client.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var orderId = (await response.Content.ReadFromJsonAsync<CreatedOrder>(TestContext.Current.CancellationToken))!.Id;
        return (traceId, parentId, orderId);
    }

    private static async Task<string> OutputLineAsync(ServiceProcess service, Func<string, bool> wanted)
    {
        string? found = null;
        await Eventually.HoldsAsync(
            () => Task.FromResult((found = service.Output.SingleOrDefault(wanted)) is not null),
            TimeSpan.FromSeconds(10),
            $"the request's line in:{Environment.NewLine}{string.Join(Environment.NewLine, service.Output)}");
        return found!;
    }

    private sealed record CreatedOrder(Guid Id);
}

/// <summary>
/// Tests that send a traceparent of their own run alone: the HttpClient instrumentation of the services other tests host
/// in this process would give the request a span of theirs, and so another trace id.
/// </summary>
[CollectionDefinition(nameof(CallerTraceCollection), DisableParallelization = true)]
public sealed class CallerTraceCollection;
