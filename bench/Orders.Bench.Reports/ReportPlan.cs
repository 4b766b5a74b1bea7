using System.Text.Json;

namespace Orders.Bench.Reports;

/// <summary>An order of the run: the service's id, the exchange's id for it and its quantity.</summary>
internal sealed record BenchOrder(Guid Id, string ExchangeOrderId, int Quantity);

/// <summary>
/// One execution report on the wire (the exchange's webhook body), spelled out from the documented format rather than
/// taken from the service's own (internal) types, so the benchmark sends what any exchange would.
/// </summary>
internal sealed record ExecutionReportBody(
    string SessionId,
    long Sequence,
    string ExecutionId,
    Guid ClientOrderId,
    string ExchangeOrderId,
    string Kind,
    int LastQuantity,
    decimal LastPrice,
    int CumulativeQuantity,
    int LeavesQuantity,
    decimal AveragePrice,
    DateTime TransactTime,
    string? Reason);

/// <summary>One POST of the run: the index of the order it fills, the webhook id (its execution id) and the body.</summary>
internal sealed record Push(int Order, string WebhookId, string Body);

/// <summary>
/// The exchange's side of the run: every order filled in a number of fills whose quantities sum to its quantity,
/// the fills of all orders interleaved at random and numbered in one session, and a share of them sent a second
/// time a little later (a redelivery, with the same webhook id).
/// </summary>
internal static class ReportPlan
{
    private const decimal LimitPrice = 150.25m;
    private const int RedeliveryWindow = 1000; // a duplicate is sent up to this many pushes after the original

    private static readonly JsonSerializerOptions Wire = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IReadOnlyList<Push> Create(IReadOnlyList<BenchOrder> orders, int fillsPerOrder, double duplicateShare, Random random)
    {
        var session = $"bench-{Guid.NewGuid():N}";
        var slots = orders.SelectMany((_, order) => Enumerable.Repeat(order, fillsPerOrder)).ToArray();
        random.Shuffle(slots);

        var quantities = orders.Select(order => Split(order.Quantity, fillsPerOrder, random)).ToArray();
        var fillsSent = new int[orders.Count];
        var cumulative = new int[orders.Count];
        var notional = new decimal[orders.Count];
        var pushes = new List<Push>(slots.Length);
        foreach (var order in slots)
        {
            var sequence = pushes.Count + 1L;
            var quantity = quantities[order][fillsSent[order]++];
            var price = LimitPrice - (random.Next(0, 50) / 100m);
            cumulative[order] += quantity;
            notional[order] += quantity * price;
            var report = new ExecutionReportBody(
                session, sequence, $"{session}-{sequence}", orders[order].Id, orders[order].ExchangeOrderId, "fill",
                quantity, price, cumulative[order], orders[order].Quantity - cumulative[order],
                decimal.Round(notional[order] / cumulative[order], 4, MidpointRounding.AwayFromZero), DateTime.UtcNow, null);
            pushes.Add(new Push(order, report.ExecutionId, JsonSerializer.Serialize(report, Wire)));
        }

        return WithRedeliveries(pushes, duplicateShare, random);
    }

    // Quantities of at least 1 each summing to the total: the gaps between distinct cut points in 1..total-1.
    private static int[] Split(int total, int parts, Random random)
    {
        var cuts = Enumerable.Range(1, total - 1).OrderBy(_ => random.Next()).Take(parts - 1).Order().Append(total).ToArray();
        return [.. cuts.Select((cut, i) => cut - (i == 0 ? 0 : cuts[i - 1]))];
    }

    private static Push[] WithRedeliveries(List<Push> pushes, double share, Random random)
    {
        var originals = Enumerable.Range(0, pushes.Count).ToArray();
        random.Shuffle(originals);
        var keyed = pushes.Select((push, i) => (Key: (double)i, Push: push))
            .Concat(originals.Take((int)Math.Round(pushes.Count * share)).Select(i => (Key: i + random.Next(1, RedeliveryWindow) + 0.5, Push: pushes[i])));
        return [.. keyed.OrderBy(entry => entry.Key).Select(entry => entry.Push)];
    }
}
