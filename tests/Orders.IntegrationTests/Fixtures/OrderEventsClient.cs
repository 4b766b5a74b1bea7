using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// A client of GET /orders/events that reads the stream as an EventSource does (the framework's SSE parser), in the
/// background, and keeps every event it has received.
/// </summary>
internal sealed class OrderEventsClient : IAsyncDisposable
{
    private readonly List<ReceivedEvent> _received = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpResponseMessage _response;
    private readonly Task _reading;

    private OrderEventsClient(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _reading = ReadAsync(stream);
    }

    /// <summary>The events received so far, in the order they came.</summary>
    public IReadOnlyList<ReceivedEvent> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Whether the server has ended the stream.</summary>
    public bool Ended => _reading.IsCompletedSuccessfully;

    public static async Task<OrderEventsClient> OpenAsync(HttpClient client, string query = "", string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/orders/events{query}");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        return new OrderEventsClient(response, await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Waits until at least <paramref name="count"/> events have come, and returns them all.</summary>
    public async Task<IReadOnlyList<ReceivedEvent>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(Received.Count >= count), timeout ?? TimeSpan.FromSeconds(30), $"{count} events received");
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"{timedOut.Message}; got {Received.Count}", timedOut);
        }

        return Received;
    }

    private async Task ReadAsync(Stream stream)
    {
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(_stop.Token))
        {
            lock (_received)
            {
                _received.Add(new ReceivedEvent(item.EventId!, item.EventType, item.Data));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}

/// <summary>An event as a client received it: its id ("{commit}-{position}"), its type and its data.</summary>
internal sealed record ReceivedEvent(string Id, string Type, string Data)
{
    /// <summary>The id's two numbers, in the order the log is in.</summary>
    public (long Commit, long Position) Place
    {
        get
        {
            var parts = Id.Split('-');
            return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
        }
    }
}
