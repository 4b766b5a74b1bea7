using CsCheck;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;

namespace Orders.UnitTests.Domain.Orders;

/// <summary>
/// Whatever order the exchange's reports of an order arrive in, and however often each arrives, the order ends as it
/// would have with each report once, in the exchange's order: same status, filled quantity, average price and
/// executions. A failure prints the smallest delivery that breaks it and its seed.
/// </summary>
public sealed class OrderReportOrderingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 13, 0, 0, TimeSpan.Zero);

    /// <summary>How the exchange ends the order after its fills, if it does.</summary>
    private enum Ending
    {
        None,
        Cancelled,
        CancelRejected,
    }

    // The exchange's reports of one order in its order: fills summing to at most the quantity, then perhaps the end of
    // a cancel the client asked for (cancelled if something was left to fill, refused as too late otherwise).
    private static readonly Gen<(int Quantity, Step[] InOrder)> Sequences =
        from quantity in Gen.Int[1, 20]
        from fillQuantities in Gen.Int[1, 8].Array[0, 6]
        from ticks in Gen.Int[1, 2_000_000].Array[6]
        from ending in Gen.Enum<Ending>()
        select (quantity, InOrder(quantity, fillQuantities, ticks, ending));

    // One delivery of them: reordered, some twice, with the placement confirmation anywhere and the client's cancel
    // request anywhere before the first report of the cancel's end (the exchange cannot answer a cancel not yet asked for).
    private static readonly Gen<(int Quantity, Step[] InOrder, Step[] Delivered)> Deliveries =
        from sequence in Sequences
        let withoutRequest = sequence.InOrder.Where(step => step is not CancelRequested).ToArray()
        from twice in Gen.Bool.Array[withoutRequest.Length]
        from shuffled in Gen.Shuffle(withoutRequest.Concat(withoutRequest.Where((_, index) => twice[index])).ToArray())
        from requestAt in Gen.Int[0, FirstEndOfCancel(shuffled)]
        select (sequence.Quantity, sequence.InOrder, WithRequest(sequence.InOrder, shuffled, requestAt));

    [Fact]
    public void Any_reordering_and_duplication_of_an_orders_reports_ends_in_the_state_of_the_reports_in_order()
    {
        Deliveries.Sample(
            (quantity, inOrder, delivered) =>
            {
                var expected = StateAfter(quantity, inOrder);

                var actual = StateAfter(quantity, delivered);

                actual.ShouldBe(expected);
            },
            iter: 5000,
            print: Describe);
    }

    private static Step[] InOrder(int quantity, int[] fillQuantities, int[] ticks, Ending ending)
    {
        var steps = new List<Step> { new PlacementConfirmed() };
        var filled = 0;
        for (var index = 0; index < fillQuantities.Length && filled + fillQuantities[index] <= quantity; index++)
        {
            filled += fillQuantities[index];
            steps.Add(new Report(new Execution(ExecutionType.Fill, $"F{index}", "EX-1", fillQuantities[index], ticks[index] / 10_000m, Now.AddSeconds(index), null)));
        }

        if (ending != Ending.None)
        {
            steps.Add(new CancelRequested());
            steps.Add(filled < quantity && ending == Ending.Cancelled
                ? new Report(new Execution(ExecutionType.Cancelled, "C", "EX-1", 0, 0, Now.AddMinutes(1), null))
                : new Report(new Execution(ExecutionType.CancelRejected, "R", "EX-1", 0, 0, Now.AddMinutes(1), "too late")));
        }

        return [.. steps];
    }

    private static string Describe((int Quantity, Step[] InOrder, Step[] Delivered) delivery) =>
        $"quantity {delivery.Quantity}; in order: {string.Join(", ", delivery.InOrder.AsEnumerable())}; delivered: {string.Join(", ", delivery.Delivered.AsEnumerable())}";

    private static int FirstEndOfCancel(Step[] delivered)
    {
        var index = Array.FindIndex(delivered, step => step is Report { Execution.Type: not ExecutionType.Fill });
        return index < 0 ? delivered.Length : index;
    }

    private static Step[] WithRequest(Step[] inOrder, Step[] delivered, int requestAt) =>
        inOrder.Any(step => step is CancelRequested) ? [.. delivered[..requestAt], new CancelRequested(), .. delivered[requestAt..]] : delivered;

    /// <summary>What the property compares; the history, which records the order of arrival, is left out.</summary>
    private static string StateAfter(int quantity, Step[] steps)
    {
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, quantity, Now);
        foreach (var step in steps)
        {
            step.ApplyTo(order);
        }

        var executions = order.Executions
            .OrderBy(execution => execution.ExecutionId, StringComparer.Ordinal)
            .Select(execution => $"{execution.ExecutionId}:{execution.Type}:{execution.Quantity}@{execution.Price}:{execution.ExecutedAt:O}");
        return $"{order.Status}, filled {order.FilledQuantity} at {order.AveragePrice}, executions [{string.Join(", ", executions)}]";
    }

    private abstract record Step
    {
        public abstract void ApplyTo(Order order);
    }

    private sealed record PlacementConfirmed : Step
    {
        public override void ApplyTo(Order order) => order.MarkPlaced("EX-1", Now);
    }

    private sealed record CancelRequested : Step
    {
        public override void ApplyTo(Order order) => order.RequestCancel(mayHaveBeenSent: true, Now);
    }

    /// <summary>A valid report is never refused, whenever it arrives.</summary>
    private sealed record Report(Execution Execution) : Step
    {
        public override void ApplyTo(Order order) => order.Apply(Execution, Now).ShouldNotBeOfType<ExecutionOutcome.Rejected>(Execution.ToString());

        public override string ToString() => $"{Execution.Type} {Execution.ExecutionId} ({Execution.Quantity} at {Execution.Price})";
    }
}
