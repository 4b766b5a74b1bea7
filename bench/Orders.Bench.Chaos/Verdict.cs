namespace Orders.Bench.Chaos;

/// <summary>One run's table rows: what the clients were told against what the database and the exchange hold.</summary>
internal sealed class Verdict
{
    private readonly List<(string Measure, string Value)> _rows = [];

    public IReadOnlyList<(string Measure, string Value)> Rows => _rows;

    public bool Passed { get; private set; } = true;

    /// <summary>Waits until no order is pending, at most the bound after the last answer: by then every accepted order is either placed or late.</summary>
    public static async Task<Verdict> ReachAsync(RequestOutcome[] sent, StoredOrders store, ExchangePlacements exchange, TimeSpan bound)
    {
        var lastAnswer = sent.Max(request => request.AnsweredAt);
        while (await store.CountPendingAsync() > 0 && DateTime.UtcNow < lastAnswer + bound)
        {
            await Task.Delay(500);
        }

        var stored = (await store.ReadAllAsync()).ToDictionary(order => order.Id);
        var atExchange = await exchange.ClientOrderIdsAsync();
        var accepted = sent.Where(request => request.OrderId is not null).ToList();
        var unanswered = sent.Where(request => request.OrderId is null).GroupBy(request => request.Status)
            .Select(answer => $"{answer.Count()} × {(answer.Key == 0 ? "no answer" : answer.Key)}");
        var notStored = accepted.Count(request => !stored.ContainsKey(request.OrderId!.Value));
        var notAtExchange = accepted.Select(request => stored.GetValueOrDefault(request.OrderId!.Value))
            .Where(order => order is not null && !atExchange.Contains(order.Id)).GroupBy(order => order!.Status.ToLowerInvariant()).ToList();
        var secondOrders = stored.Values.GroupBy(order => order.Quantity).Sum(orders => orders.Count() - 1);
        var placementsNotStored = atExchange.Count(id => !stored.ContainsKey(id));
        var waits = accepted.Select(request => stored.GetValueOrDefault(request.OrderId!.Value)?.PlacedAt - request.AcceptedAt).ToList();
        var pending = stored.Values.Count(order => order.Status == "Pending");
        var lastPlaced = stored.Values.Max(order => order.PlacedAt) ?? lastAnswer;

        var verdict = new Verdict();
        verdict.Add("accepted (201) of the logical orders", accepted.Count == sent.Length, $"{accepted.Count} of {sent.Length}", string.Join(", ", unanswered));
        var lost = notStored + notAtExchange.Sum(orders => orders.Count());
        verdict.Add(
            "lost: accepted, then not stored or not placed at the exchange",
            lost == 0,
            $"{lost}",
            $"{notStored} not stored; not at the exchange: {string.Join(", ", notAtExchange.Select(orders => $"{orders.Count()} {orders.Key}").DefaultIfEmpty("none"))}");
        verdict.Add(
            "placed twice: a second order stored for a logical order, or a placement of an order not stored",
            secondOrders + placementsNotStored == 0,
            $"{secondOrders + placementsNotStored}",
            $"{secondOrders} stored, {placementsNotStored} at the exchange only");
        verdict.Add("5xx answers seen", true, $"{sent.Sum(request => request.ServerErrors)}");
        verdict.Add("connection errors and timeouts seen", true, $"{sent.Sum(request => request.ConnectionErrors)}");
        verdict.Add("keys stuck in 409 (still 409 more than 10 s after the first)", !sent.Any(request => request.StuckInConflict), $"{sent.Count(request => request.StuckInConflict)}");
        verdict.Add("orders the service gave up on (status failed)", true, $"{stored.Values.Count(order => order.Status == "Failed")}");
        verdict.Add("longest 201 → placed", true, waits.Max() is { } longest ? $"{longest.TotalSeconds:F1} s" : "none placed");
        verdict.Add(
            $"accepted orders placed within the bound, {bound.TotalSeconds:F0} s after the 201",
            waits.All(wait => wait <= bound),
            $"{waits.Count(wait => wait <= bound)} of {accepted.Count}");
        verdict.Add(
            "time to drain: last answer → last order placed",
            pending == 0,
            pending == 0 ? $"{Math.Max(0, (lastPlaced - lastAnswer).TotalSeconds):F1} s" : $"{pending} still pending");
        return verdict;
    }

    /// <summary>A row; a value that fails the run is bold, followed by its breakdown.</summary>
    private void Add(string measure, bool passed, string value, string breakdown = "")
    {
        Passed &= passed;
        _rows.Add((measure, passed ? value : $"**{value}**{(breakdown.Length > 0 ? $" ({breakdown})" : "")}"));
    }
}
