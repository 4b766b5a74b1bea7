using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Exchange;
using Orders.Domain.Orders;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Orders.Infrastructure.Exchange;

/// <summary>
/// The stock exchange over HTTP (<c>POST orders</c>, <c>POST orders/{id}/cancel</c>, <c>GET orders/{id}</c>,
/// <c>GET executions</c>, relative to the client's base address). Every call runs
/// through one pipeline: a circuit breaker around a per-call timeout, so timeouts count as failures. A call the
/// open circuit holds back is reported as not called. The circuit's state lives in this instance: register it
/// as a singleton with one long-lived HttpClient.
/// </summary>
internal sealed class HttpStockExchange(
    HttpClient httpClient, IOptions<ExchangeOptions> options, TimeProvider timeProvider, ILogger<HttpStockExchange> logger)
    : IStockExchange
{
    // Half the calls failing over 10 s, once there were at least 10, means the exchange is down rather than
    // flaky: 5 s of holding calls back then spares it before a single probe call.
    private const double CircuitFailureRatio = 0.5;
    internal const int CircuitMinimumThroughput = 10;
    private static readonly TimeSpan CircuitSamplingDuration = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CircuitBreakDuration = TimeSpan.FromSeconds(5);

    private static readonly Uri OrdersPath = new("orders", UriKind.Relative);
    private static readonly JsonSerializerOptions Json = ExchangeJson.Options;

    private readonly HttpClient _httpClient = httpClient.BaseAddress is null
        ? throw new ArgumentException("The HttpClient needs the exchange's base address.", nameof(httpClient))
        : httpClient;

    private readonly ResiliencePipeline<Reply> _pipeline = BuildPipeline(options.Value.Timeout, timeProvider, new CircuitLog(timeProvider, logger));

    public async Task<string> PlaceOrderAsync(ExchangeOrder order, CancellationToken cancellationToken)
    {
        var request = PlaceOrderRequest.From(order);
        var reply = await CallAsync(token => _httpClient.PostAsJsonAsync(OrdersPath, request, Json, token), cancellationToken);
        return ExchangeOrderIdFrom(reply);
    }

    public async Task CancelOrderAsync(Guid clientOrderId, CancellationToken cancellationToken)
    {
        var path = new Uri($"orders/{clientOrderId}/cancel", UriKind.Relative);
        var reply = await CallAsync(token => _httpClient.PostAsync(path, content: null, token), cancellationToken);
        if (!IsSuccess(reply.Status))
        {
            throw new ExchangeUnavailableException($"The exchange answered {(int)reply.Status} to the cancel: it may or may not be cancelling.");
        }
    }

    public async Task<ExchangeOrderStatus> GetOrderStatusAsync(Guid clientOrderId, CancellationToken cancellationToken)
    {
        var path = new Uri($"orders/{clientOrderId}", UriKind.Relative);
        var reply = await CallAsync(token => _httpClient.GetAsync(path, token), cancellationToken);
        return Read<OrderStatusWire>(reply, "order status").ToStatus();
    }

    public async Task<ExecutionsPage> GetExecutionsAsync(string? sessionId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var session = sessionId is null ? "" : $"&session={Uri.EscapeDataString(sessionId)}";
        var path = new Uri(string.Create(CultureInfo.InvariantCulture, $"executions?after={afterSequence}&limit={limit}{session}"), UriKind.Relative);
        var reply = await CallAsync(token => _httpClient.GetAsync(path, token), cancellationToken);
        return Read<ExecutionsPageWire>(reply, "executions").ToPage();
    }

    // Every call goes through the one pipeline: the circuit counts them all, and each has the per-call timeout.
    private async Task<Reply> CallAsync(Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await ReceiveAsync(send, token), cancellationToken);
        }
        catch (BrokenCircuitException exception)
        {
            throw new ExchangeNotCalledException(
                "The exchange is failing: its circuit is open, so the call was not made.", exception.RetryAfter ?? CircuitBreakDuration, exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new ExchangeUnavailableException($"The exchange did not answer within {exception.Timeout}.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new ExchangeUnavailableException($"The exchange could not be reached: {exception.Message}", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExchangeUnavailableException("The exchange did not answer within the HttpClient's timeout.", exception);
        }
    }

    private static async ValueTask<Reply> ReceiveAsync(Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        using var response = await send(cancellationToken);
        return new Reply(response.StatusCode, IsTransient(response.StatusCode) ? "" : await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static string ExchangeOrderIdFrom(Reply reply)
    {
        var body = ReadOrNull<ReplyBody>(reply.Body);
        var status = (int)reply.Status;
        if (body?.ExchangeOrderId is { Length: > 0 } id && (IsSuccess(reply.Status) || reply.Status == HttpStatusCode.Conflict))
        {
            // A 409 carrying an exchange order id is "duplicate client order id": the order is already placed.
            return id;
        }

        if (status is >= 400 and < 500 && !IsTransient(reply.Status))
        {
            throw new ExchangeRejectedException(body?.Error ?? $"The exchange refused the order with status {status}.");
        }

        throw new ExchangeUnavailableException(IsTransient(reply.Status)
            ? $"The exchange answered {status}: the order may or may not be placed."
            : $"The exchange answered {status} without an exchange order id.");
    }

    private static T Read<T>(Reply reply, string answer)
        where T : class
    {
        if (!IsSuccess(reply.Status))
        {
            throw new ExchangeUnavailableException($"The exchange answered {(int)reply.Status} to the {answer} request.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(reply.Body, Json) ?? throw new JsonException("The answer is null.");
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            throw new ExchangeUnavailableException($"The exchange's {answer} answer could not be read: {exception.Message}", exception);
        }
    }

    private static T? ReadOrNull<T>(string body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static ResiliencePipeline<Reply> BuildPipeline(TimeSpan timeout, TimeProvider timeProvider, CircuitLog circuitLog) =>
        new ResiliencePipelineBuilder<Reply> { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<Reply>
            {
                FailureRatio = CircuitFailureRatio,
                MinimumThroughput = CircuitMinimumThroughput,
                SamplingDuration = CircuitSamplingDuration,
                BreakDuration = CircuitBreakDuration,
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome switch
                {
                    { Result: { } reply } => IsTransient(reply.Status),
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Exception: OperationCanceledException { InnerException: TimeoutException } } => true,
                    _ => false,
                }),
                OnOpened = arguments =>
                {
                    circuitLog.Opened(arguments.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    circuitLog.Closed();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(timeout)
            .Build();

    private sealed record Reply(HttpStatusCode Status, string Body);

    private sealed record ReplyBody(string? ExchangeOrderId = null, string? Error = null);

    private sealed record PlaceOrderRequest(Guid ClientOrderId, string Type, string Side, string Instrument, decimal? LimitPrice, int Quantity)
    {
        // Spelled out rather than derived from the enum names, so a rename in the domain cannot change the wire format.
        public static PlaceOrderRequest From(ExchangeOrder order) => new(
            order.ClientOrderId,
            order.Type switch
            {
                OrderType.Market => "market",
                OrderType.Limit => "limit",
                _ => throw new ArgumentOutOfRangeException(nameof(order), order.Type, "Unknown order type."),
            },
            order.Side switch
            {
                OrderSide.Buy => "buy",
                OrderSide.Sell => "sell",
                _ => throw new ArgumentOutOfRangeException(nameof(order), order.Side, "Unknown order side."),
            },
            order.Instrument,
            order.LimitPrice,
            order.Quantity);
    }
}
