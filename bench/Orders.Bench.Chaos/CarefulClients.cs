using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Orders.Bench.Chaos;

/// <summary>
/// Clients that do what a careful client of POST /orders does: each logical order is one body and one
/// Idempotency-Key, sent again unchanged after a 5xx, a connection error or a timeout (to the next instance,
/// after a short backoff) and after a 409 "still being processed" (after its Retry-After), until a final answer or
/// for at most 3 minutes.
/// Logical order i orders quantity i + 1, so a second order stored for it shows in the database.
/// </summary>
internal sealed class CarefulClients(IReadOnlyList<Uri> instances, int orders, TimeSpan duration)
{
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(3);

    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Sends the orders at an even pace over the duration; a client busy retrying starts its next order late.</summary>
    public async Task<RequestOutcome[]> RunAsync(int clients)
    {
        var outcomes = new RequestOutcome[orders];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < orders)
            {
                var due = (duration * index / orders) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                outcomes[index] = await PlaceAsync(index + 1, client % instances.Count);
            }
        }));
        return outcomes;
    }

    private async Task<RequestOutcome> PlaceAsync(int quantity, int instance)
    {
        var key = Guid.NewGuid().ToString();
        var body = $$"""{"type":"limit","side":"buy","instrument":"US0378331005","limit_price":150.25,"quantity":{{quantity}}}""";
        var first = DateTime.UtcNow;
        DateTime? conflictSince = null;
        var stuck = false;
        int serverErrors = 0, connectionErrors = 0, failures = 0;
        while (DateTime.UtcNow - first < GiveUpAfter)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instances[instance], "orders"))
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await _http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var created = await response.Content.ReadFromJsonAsync<CreatedOrder>();
                    return Outcome(201, created!.Id, DateTime.UtcNow);
                }

                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    conflictSince ??= DateTime.UtcNow;
                    stuck |= DateTime.UtcNow - conflictSince > StuckAfter;
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                    continue;
                }

                if ((int)response.StatusCode < 500)
                {
                    return Outcome((int)response.StatusCode, null, null);
                }

                serverErrors++;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                connectionErrors++;
            }

            // The instance may be down: the next attempt goes to the next one (to the same one again when it is the only one).
            instance = (instance + 1) % instances.Count;
            await Task.Delay(Backoff(++failures));
        }

        return Outcome(0, null, null);

        RequestOutcome Outcome(int status, Guid? orderId, DateTime? acceptedAt) =>
            new(quantity, key, status, orderId, acceptedAt, DateTime.UtcNow, serverErrors, connectionErrors, stuck);
    }

    /// <summary>100 ms after the first failure, doubling up to 1 s; half of it random, so the clients do not come back in step.</summary>
    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(1000, 50 << Math.Min(failures, 5)) * (0.5 + (Random.Shared.NextDouble() / 2)));

    private sealed record CreatedOrder(Guid Id);
}

/// <summary>
/// What one logical order was finally answered (<see cref="Status"/> 0: nothing within the time a client waits) and what
/// its retries saw; stuck: it was still answered 409 more than 10 s after its first 409.
/// </summary>
internal sealed record RequestOutcome(
    int Quantity,
    string Key,
    int Status,
    Guid? OrderId,
    DateTime? AcceptedAt,
    DateTime AnsweredAt,
    int ServerErrors,
    int ConnectionErrors,
    bool StuckInConflict);
