using System.Threading.Channels;
using Orders.Application.Abstractions.Exchange;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Exchange.Market;

/// <summary>
/// The simulated market behind both the in-process exchange and the standalone simulator. Per instrument a price walks
/// (<see cref="PriceWalk"/>) and limit orders rest; a synthetic liquidity provider trades against every client order at
/// the price, so client orders never trade with each other. A market order fills within <see cref="MarketOptions.FillDelay"/>
/// in one to three executions; a limit order fills whole once the price reaches its limit, at once if it already has,
/// the oldest first when one move reaches several. Every fill, cancel and refused cancel is an execution report of
/// this market's session: kept for <see cref="Executions"/> and handed out on <see cref="Reports"/>. Time is the
/// given <see cref="TimeProvider"/>'s: its timers move the prices and make the fills.
/// </summary>
internal sealed class SimulatedMarket : IDisposable
{
    /// <summary>The exchange order id of a refused cancel for an order the market does not hold, as FIX spells it.</summary>
    public const string NoOrderId = "NONE";

    private readonly Lock _lock = new();
    private readonly MarketOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Random _splits;
    private readonly Dictionary<Guid, MarketOrder> _orders = [];
    private readonly Dictionary<string, InstrumentBook> _books = [];
    private readonly List<ExecutionReport> _reports = [];
    private readonly Channel<ExecutionReport> _published = Channel.CreateUnbounded<ExecutionReport>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ITimer _ticker;
    private long _arrivals;

    public SimulatedMarket(MarketOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        _splits = new Random(options.PriceSeed);
        _ticker = timeProvider.CreateTimer(_ => Tick(), null, options.TickInterval, options.TickInterval);
    }

    /// <summary>New with every market: a receiver that sees it change knows the sequences started again.</summary>
    public string SessionId { get; } = Guid.CreateVersion7().ToString("N");

    /// <summary>Every report as it is made, in sequence order, and a report again when a cancel asked again repeats its answer.</summary>
    public ChannelReader<ExecutionReport> Reports => _published.Reader;

    /// <summary>Places the order unless its client order id is already held; either way answers with the exchange order id.</summary>
    public (string ExchangeOrderId, bool Placed) Place(ExchangeOrder order)
    {
        lock (_lock)
        {
            if (_orders.TryGetValue(order.ClientOrderId, out var held))
            {
                return (held.ExchangeOrderId, false);
            }

            var placed = new MarketOrder(order, $"SIM-{Guid.CreateVersion7():N}", ++_arrivals);
            _orders.Add(order.ClientOrderId, placed);
            var book = BookOf(order.Instrument);
            if (order.Type == OrderType.Market)
            {
                FillInParts(placed, book);
            }
            else if (placed.TradesAt(book.Walk.Price))
            {
                Fill(placed, placed.Order.Quantity, book.Walk.Price);
            }
            else
            {
                book.Rest(placed);
            }

            return (placed.ExchangeOrderId, true);
        }
    }

    /// <summary>
    /// Cancels what is left of the order: a <see cref="ExecutionKind.Cancelled"/> report, or a
    /// <see cref="ExecutionKind.CancelRejected"/> one when nothing is left ("too late") or the order is unknown.
    /// Asked again, it answers with the first answer's report again.
    /// </summary>
    public void Cancel(Guid clientOrderId)
    {
        lock (_lock)
        {
            if (!_orders.TryGetValue(clientOrderId, out var order))
            {
                Record(new ExecutionReport(
                    SessionId, 0, "", clientOrderId, NoOrderId, ExecutionKind.CancelRejected, 0, 0, 0, 0, 0, Now(), "unknown order"));
                return;
            }

            if (order.CancelAnswer is { } answer)
            {
                _published.Writer.TryWrite(answer);
                return;
            }

            if (order.State == ExchangeOrderState.Open)
            {
                order.Cancel();
                _books[order.Order.Instrument].Remove(order);
                order.CancelAnswer = Record(order, ExecutionKind.Cancelled, 0, 0, reason: null);
            }
            else
            {
                order.CancelAnswer = Record(order, ExecutionKind.CancelRejected, 0, 0, "too late");
            }
        }
    }

    public ExchangeOrderStatus Status(Guid clientOrderId)
    {
        lock (_lock)
        {
            return _orders.TryGetValue(clientOrderId, out var order)
                ? new ExchangeOrderStatus(order.State, order.ExchangeOrderId, [.. order.Reports])
                : ExchangeOrderStatus.Unknown;
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> reports after <paramref name="afterSequence"/>. A session other than this market's
    /// (one from before a restart) gets this session's id and last sequence and no reports: its reports are gone.
    /// </summary>
    public ExecutionsPage Executions(string? sessionId, long afterSequence, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_lock)
        {
            if (sessionId is not null && sessionId != SessionId)
            {
                return new ExecutionsPage(SessionId, _reports.Count, []);
            }

            // Sequence n is the n-th report.
            var start = (int)Math.Min(afterSequence, _reports.Count);
            return new ExecutionsPage(SessionId, _reports.Count, _reports.GetRange(start, Math.Min(limit, _reports.Count - start)));
        }
    }

    /// <summary>The instrument's price now.</summary>
    public decimal PriceOf(string instrument)
    {
        lock (_lock)
        {
            return BookOf(instrument).Walk.Price;
        }
    }

    public void Dispose()
    {
        _ticker.Dispose();
        lock (_lock)
        {
            foreach (var order in _orders.Values)
            {
                order.PartsTimer?.Dispose();
            }
        }

        _published.Writer.TryComplete();
    }

    private void Tick()
    {
        lock (_lock)
        {
            foreach (var book in _books.Values)
            {
                var price = book.Walk.Step();
                foreach (var order in book.TakeTradingAt(price))
                {
                    Fill(order, order.Leaves, price);
                }
            }
        }
    }

    // One to three executions (no more than the quantity), evenly spread over the fill delay, the last at its end.
    private void FillInParts(MarketOrder order, InstrumentBook book)
    {
        var parts = 1 + _splits.Next(Math.Min(3, order.Order.Quantity));
        var left = order.Order.Quantity;
        for (var part = parts; part > 1; part--)
        {
            var quantity = 1 + _splits.Next(left - part + 1);
            order.PartsToFill.Enqueue(quantity);
            left -= quantity;
        }

        order.PartsToFill.Enqueue(left);
        var interval = _options.FillDelay / parts;
        order.PartsTimer = _timeProvider.CreateTimer(_ => FillNextPart(order, book), null, interval, interval);
    }

    private void FillNextPart(MarketOrder order, InstrumentBook book)
    {
        lock (_lock)
        {
            if (order.State == ExchangeOrderState.Open && order.PartsToFill.TryDequeue(out var quantity))
            {
                Fill(order, quantity, book.Walk.Price);
            }
        }
    }

    private void Fill(MarketOrder order, int quantity, decimal price)
    {
        order.Fill(quantity, price);
        Record(order, ExecutionKind.Fill, quantity, price, reason: null);
    }

    private ExecutionReport Record(MarketOrder order, ExecutionKind kind, int lastQuantity, decimal lastPrice, string? reason)
    {
        var report = Record(new ExecutionReport(
            SessionId, 0, "", order.Order.ClientOrderId, order.ExchangeOrderId, kind, lastQuantity, lastPrice,
            order.Filled, order.Leaves, order.AveragePrice, Now(), reason));
        order.Reports.Add(report);
        return report;
    }

    // Numbers the report in this session, keeps it and hands it out.
    private ExecutionReport Record(ExecutionReport report)
    {
        var sequence = _reports.Count + 1;
        var numbered = report with { Sequence = sequence, ExecutionId = $"{SessionId}-{sequence}" };
        _reports.Add(numbered);
        _published.Writer.TryWrite(numbered);
        return numbered;
    }

    private InstrumentBook BookOf(string instrument)
    {
        if (!_books.TryGetValue(instrument, out var book))
        {
            book = new InstrumentBook(new PriceWalk(instrument, _options));
            _books.Add(instrument, book);
        }

        return book;
    }

    private DateTime Now() => _timeProvider.GetUtcNow().UtcDateTime;
}
