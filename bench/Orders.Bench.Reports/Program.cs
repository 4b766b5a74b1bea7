using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Orders.Bench.Reports;

// The execution-report step of the benchmark, against the service or the baseline on a fresh PostgreSQL database:
//   --url http://127.0.0.1:PORT --database "Host=…;Database=…" --secret whsec_… [--orders 10000 --fills 5
//   --quantity 10 --duplicates 0.1 --concurrency 32 --await-placement true --timeout 300]
// 1. creates the orders through POST /orders; with --await-placement, waits until the service has placed them all
//    (the reports name the exchange order id it holds);
// 2. pushes every order's fills (quantities summing to its quantity, one session, increasing sequences, unique
//    execution ids), a share of them twice, signed, to POST /exchange/executions from concurrent senders;
// 3. meanwhile reads the database every 100 ms until every order is filled.
// Output: "REPORTS orders=… reports=… sent=… accepted=… errors=… push_s=… rps=… applied_s=… lag_p50_ms=… lag_p99_ms=…
//          filled=… over=… executions=…"; exit code 0 when all are accepted and applied and none twice.
var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1]);
string Option(string name, string? fallback = null) => options.GetValueOrDefault(name) ?? fallback ?? throw new ArgumentException($"--{name} is required");
int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var baseUrl = new Uri(Option("url"));
var orderCount = Number("orders", 10_000);
var fills = Number("fills", 5);
var quantity = Number("quantity", 10);
var concurrency = Number("concurrency", 32);
var duplicates = double.Parse(Option("duplicates", "0.1"), CultureInfo.InvariantCulture);
var timeout = TimeSpan.FromSeconds(Number("timeout", 300));
if (fills < 1 || quantity < fills)
{
    throw new ArgumentException("--quantity must be at least --fills, and --fills at least 1");
}

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { Timeout = TimeSpan.FromSeconds(30) };
await using var database = NpgsqlDataSource.Create(Option("database"));
var setup = new OrderSetup(client, baseUrl, database);
var ids = await setup.CreateAsync(orderCount, quantity, concurrency);
var exchangeIds = bool.Parse(Option("await-placement", "true")) ? await setup.AwaitPlacementAsync(ids, timeout) : null;
var orders = ids.Select((id, i) => new BenchOrder(id, exchangeIds?[id] ?? $"X-{i}", quantity)).ToArray();
var pushes = ReportPlan.Create(orders, fills, duplicates, new Random(14));

var started = Stopwatch.GetTimestamp();
var watching = new ApplyWatcher(database, orders).WatchAsync(timeout);
var pushed = await new ReportPusher(client, new Uri(baseUrl, "/exchange/executions"), Option("secret")).PushAsync(pushes, orders.Length, concurrency);
var filledAt = await watching;
var outcome = await Outcome.ReadAsync(database, orders);

// Lag: from the 2xx of an order's last report to the first read that found the order filled, per order; a read
// that began before that 2xx arrived (the baseline applies before it answers) counts as no lag. Its resolution is
// the read interval.
var lags = filledAt.Zip(pushed.LastAcknowledgedAt)
    .Where(pair => pair.First != 0)
    .Select(pair => Math.Max(0, Stopwatch.GetElapsedTime(pair.Second, pair.First).TotalMilliseconds))
    .Order()
    .ToArray();
var allFilled = filledAt.All(at => at != 0);
var appliedSeconds = allFilled ? Stopwatch.GetElapsedTime(started, filledAt.Max()).TotalSeconds : double.NaN;
var distinctReports = orders.Length * fills;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"REPORTS orders={orders.Length} reports={distinctReports} sent={pushes.Count} accepted={pushed.Accepted} errors={pushed.Errors} " +
    $"push_s={pushed.Elapsed.TotalSeconds:F2} rps={pushed.Accepted / pushed.Elapsed.TotalSeconds:F1} applied_s={appliedSeconds:F2} " +
    $"lag_p50_ms={Percentile(0.50):F0} lag_p99_ms={Percentile(0.99):F0} filled={outcome.Filled} over={outcome.Over} executions={outcome.Executions}"));
return pushed.Errors == 0 && outcome.Filled == orders.Length && outcome.Over == 0 && outcome.Executions == distinctReports ? 0 : 1;

double Percentile(double p) => lags.Length == 0 ? double.NaN : lags[Math.Min(lags.Length - 1, (int)Math.Ceiling(p * lags.Length) - 1)];
