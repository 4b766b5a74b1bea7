using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

// POSTs orders to a service at a steady rate, open loop (a slow answer does not slow the pace), which wrk
// cannot do, and prints one line of results:
//   --url http://127.0.0.1:PORT --rate 100 --seconds 30
// Output: "LOAD sent=… created=… errors=… seconds=… rate=… p50_ms=… p99_ms=…"
var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1]);
var url = new Uri(new Uri(options.GetValueOrDefault("url") ?? throw new ArgumentException("--url is required")), "/orders");
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { Timeout = TimeSpan.FromSeconds(30) };
var latencies = new List<double>();
var errors = 0;

var rate = double.Parse(options.GetValueOrDefault("rate") ?? "100", CultureInfo.InvariantCulture);
var seconds = double.Parse(options.GetValueOrDefault("seconds") ?? "10", CultureInfo.InvariantCulture);
var sends = new List<Task>();
var started = Stopwatch.GetTimestamp();
for (var i = 0; i < rate * seconds; i++)
{
    var due = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(started);
    if (due > TimeSpan.Zero)
    {
        await Task.Delay(due);
    }

    sends.Add(SendAsync());
}

await Task.WhenAll(sends);
var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
latencies.Sort();
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"LOAD sent={latencies.Count} created={latencies.Count - errors} errors={errors} seconds={elapsed:F2} rate={latencies.Count / elapsed:F1} p50_ms={Percentile(0.50):F2} p99_ms={Percentile(0.99):F2}"));
return errors == 0 ? 0 : 1;

async Task SendAsync()
{
    var sent = Stopwatch.GetTimestamp();
    var created = false;
    try
    {
        using var body = new StringContent(
            """{"type":"limit","side":"buy","instrument":"US0378331005","limit_price":150.25,"quantity":10}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(url, body);
        created = response.StatusCode == HttpStatusCode.Created;
    }
    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
    {
        // Not created: counted as an error below.
    }

    lock (latencies)
    {
        latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        errors += created ? 0 : 1;
    }
}

double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
