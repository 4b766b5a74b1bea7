using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Orders.Application.Orders.StreamOrderEvents;
using Orders.Infrastructure.Events;

namespace Orders.Web.Http;

/// <summary>
/// The order events as the items of the built-in Server-Sent Events result, with what a long-lived stream needs and
/// that result does not write: a comment at once, so the client (and any proxy between) sees the stream open before
/// the first event, and one every <see cref="OrderEventsOptions.HeartbeatInterval"/>, so proxies keep the connection.
/// Comments are written between events, while the result waits for the next one. The stream ends, the response with
/// it, when the client goes or the host stops; a client then reconnects, to any instance, with Last-Event-ID.
/// </summary>
internal sealed class OrderEventStream
{
    public const string EventType = "order";

    private static readonly ReadOnlyMemory<byte> Heartbeat = ": heartbeat\n\n"u8.ToArray();

    private readonly IAsyncEnumerator<OrderEventResponse> _events;
    private readonly Stream _body;
    private readonly PeriodicTimer _heartbeats;
    private readonly CancellationToken _stop;
    private Task<bool>? _heartbeatDue;

    private OrderEventStream(IAsyncEnumerator<OrderEventResponse> events, Stream body, PeriodicTimer heartbeats, CancellationToken stop)
    {
        _events = events;
        _body = body;
        _heartbeats = heartbeats;
        _stop = stop;
    }

    public static async IAsyncEnumerable<SseItem<string>> ItemsAsync(
        IAsyncEnumerable<OrderEventResponse> events, HttpContext httpContext, [EnumeratorCancellation] CancellationToken requestAborted = default)
    {
        var services = httpContext.RequestServices;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(
            requestAborted, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        using var heartbeats = new PeriodicTimer(
            services.GetRequiredService<IOptions<OrderEventsOptions>>().Value.HeartbeatInterval, services.GetRequiredService<TimeProvider>());
        await using var enumerator = events.GetAsyncEnumerator(stop.Token);
        var stream = new OrderEventStream(enumerator, httpContext.Response.Body, heartbeats, stop.Token);
        if (!await stream.OpenAsync())
        {
            yield break;
        }

        while (await stream.MoveNextAsync())
        {
            yield return new SseItem<string>(enumerator.Current.Data, EventType) { EventId = enumerator.Current.Id };
        }
    }

    private async Task<bool> OpenAsync()
    {
        try
        {
            await WriteHeartbeatAsync();
            return true;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Waits for the next event, writing the heartbeats that fall due meanwhile; false once the stream is over.</summary>
    private async Task<bool> MoveNextAsync()
    {
        var next = _events.MoveNextAsync().AsTask();
        try
        {
            while (await Task.WhenAny(next, _heartbeatDue ??= _heartbeats.WaitForNextTickAsync(_stop).AsTask()) != next)
            {
                await _heartbeatDue;
                _heartbeatDue = null;
                await WriteHeartbeatAsync();
            }

            return await next;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The events' own wait ends at the same cancellation; it must have ended before they are disposed.
            await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return false;
        }
    }

    private async Task WriteHeartbeatAsync()
    {
        await _body.WriteAsync(Heartbeat, _stop);
        await _body.FlushAsync(_stop);
    }
}
