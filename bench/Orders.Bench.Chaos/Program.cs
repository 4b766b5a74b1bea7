using System.Globalization;
using System.Text.Json;
using Orders.Bench.Chaos;

// The clients and the verdict of the fault runs; scripts/chaos.sh starts the processes and brings the faults.
//
//   load  --urls URL[,URL] --orders N --clients N --seconds S --out FILE
//         N logical orders, paced evenly over S seconds, sent by careful clients (see CarefulClients); what each was
//         finally answered is written to FILE.
//   check --in FILE --provider Postgres|Sqlite --connection STRING --exchange URL [--exchange-before FILE] --bound SECONDS
//         waits for the outbox to drain, then compares what the clients were told with the database and the exchange
//         (and the exchange's placements saved before it was killed); prints the rows "measure<TAB>value" and exits 1
//         when an order was not accepted, lost, placed twice, stuck in 409 or not placed within the bound.
if (args is not ["load" or "check", ..])
{
    Console.Error.WriteLine("usage: Orders.Bench.Chaos load|check --option value ...");
    return 2;
}

var options = args[1..].Chunk(2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair.ElementAtOrDefault(1) ?? "");
string Option(string name) => options.GetValueOrDefault(name) ?? throw new ArgumentException($"--{name} is required");
int Number(string name) => int.Parse(Option(name), CultureInfo.InvariantCulture);

if (args[0] == "load")
{
    var instances = Option("urls").Split(',').Select(url => new Uri(url)).ToArray();
    var clients = new CarefulClients(instances, Number("orders"), TimeSpan.FromSeconds(Number("seconds")));
    var requests = await clients.RunAsync(Number("clients"));
    await File.WriteAllTextAsync(Option("out"), JsonSerializer.Serialize(requests));
    Console.WriteLine($"{requests.Count(request => request.OrderId is not null)} of {requests.Length} accepted");
    return 0;
}

var sent = JsonSerializer.Deserialize<RequestOutcome[]>(await File.ReadAllTextAsync(Option("in")))!;
var exchange = new ExchangePlacements(new Uri(Option("exchange")), options.GetValueOrDefault("exchange-before"));
var store = new StoredOrders(Option("provider"), Option("connection"));
var verdict = await Verdict.ReachAsync(sent, store, exchange, TimeSpan.FromSeconds(Number("bound")));
foreach (var (measure, value) in verdict.Rows)
{
    Console.WriteLine($"{measure}\t{value}");
}

return verdict.Passed ? 0 : 1;
