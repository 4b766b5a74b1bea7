using Microsoft.Extensions.Time.Testing;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Executions;
using Orders.Application.Executions.ApplyExecutionReport;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Executions.ApplyExecutionReport;

public sealed class ApplyExecutionReportCommandHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTime TransactTime = new(2026, 3, 14, 12, 59, 58, DateTimeKind.Utc);

    private readonly FakeOrderRepository _orders = new();
    private readonly FakeExecutionReportInbox _inbox = new();
    private readonly List<string> _log = [];
    private readonly Order _order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 10, Now.AddMinutes(-1));

    public ApplyExecutionReportCommandHandlerTests()
    {
        _order.MarkPlaced("EX-1", Now.AddMinutes(-1));
        _orders.Add(_order);
    }

    [Fact]
    public async Task A_fill_is_applied_to_the_order_its_client_order_id_names()
    {
        var response = await HandleAsync(Fill("E-1", 4, 101.25m));

        response.ShouldBe(ApplyExecutionReportResponse.Applied);
        _order.Status.ShouldBe(OrderStatus.PartiallyFilled);
        _order.FilledQuantity.ShouldBe(4);
        _order.AveragePrice.ShouldBe(101.25m);
        var execution = _order.Executions.ShouldHaveSingleItem();
        (execution.ExecutionId, execution.Quantity, execution.Price, execution.ExecutedAt).ShouldBe(("E-1", 4, 101.25m, TransactTime));
        _order.History[^1].ChangedAt.ShouldBe(Now.UtcDateTime);
        _log.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_report_the_order_holds_already_is_a_duplicate()
    {
        await HandleAsync(Fill("E-1", 4, 101.25m));

        var response = await HandleAsync(Fill("E-1", 4, 101.25m));

        response.ShouldBe(ApplyExecutionReportResponse.Duplicate);
        _order.FilledQuantity.ShouldBe(4);
    }

    [Fact]
    public async Task A_report_for_an_order_the_service_does_not_know_is_parked_and_logged()
    {
        var unknown = Guid.Parse("0196a5f2-0000-7000-8000-000000000001");

        var response = await HandleAsync(Fill("E-1", 4, 101.25m) with { ClientOrderId = unknown });

        response.ShouldBe(ApplyExecutionReportResponse.Parked("Unknown order '0196a5f2-0000-7000-8000-000000000001'"));
        _inbox.Parked.ShouldBe([("E-1", "Unknown order '0196a5f2-0000-7000-8000-000000000001'")]);
        _log.ShouldBe(["Warning: Execution report E-1 for order 0196a5f2-0000-7000-8000-000000000001 parked: Unknown order '0196a5f2-0000-7000-8000-000000000001'"]);
    }

    [Fact]
    public async Task An_overfill_is_parked_with_the_orders_reason_and_changes_nothing()
    {
        await HandleAsync(Fill("E-1", 8, 100m));

        var response = await HandleAsync(Fill("E-2", 3, 100m));

        response.ShouldBe(ApplyExecutionReportResponse.Parked("Overfill: a fill of 3 would make 11 filled of 10"));
        _order.FilledQuantity.ShouldBe(8);
        _inbox.Parked.ShouldBe([("E-2", "Overfill: a fill of 3 would make 11 filled of 10")]);
        _log.ShouldHaveSingleItem().ShouldStartWith("Warning: Execution report E-2 for order");
    }

    [Fact]
    public async Task A_report_of_an_unknown_kind_is_parked()
    {
        var response = await HandleAsync(Fill("E-1", 4, 100m) with { Kind = (ExecutionKind)42 });

        response.ShouldBe(ApplyExecutionReportResponse.Parked("Unknown kind of report '42'"));
        _order.Executions.ShouldBeEmpty();
        _inbox.Parked.ShouldBe([("E-1", "Unknown kind of report '42'")]);
    }

    [Fact]
    public async Task A_fill_after_placement_was_given_up_is_applied_and_logged_as_a_warning()
    {
        var givenUp = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 10, Now.AddMinutes(-1));
        givenUp.MarkFailed("exchange unreachable", Now.AddMinutes(-1));
        _orders.Add(givenUp);

        var response = await HandleAsync(Fill("E-1", 10, 100m) with { ClientOrderId = givenUp.Id });

        response.ShouldBe(ApplyExecutionReportResponse.Applied);
        givenUp.Status.ShouldBe(OrderStatus.Filled);
        _log.ShouldBe([$"Warning: Order {givenUp.Id} filled at the exchange after its placement was given up: the exchange holds it (execution E-1)"]);
    }

    [Fact]
    public async Task The_cancels_end_is_applied_as_the_exchange_reports_it()
    {
        _order.RequestCancel(mayHaveBeenSent: true, Now);

        var response = await HandleAsync(Report("E-2", ExecutionKind.Cancelled, 0, 0m, reason: null));

        response.ShouldBe(ApplyExecutionReportResponse.Applied);
        _order.Status.ShouldBe(OrderStatus.Cancelled);
    }

    [Fact]
    public async Task A_refused_cancel_takes_the_order_back_with_the_exchanges_reason()
    {
        _order.RequestCancel(mayHaveBeenSent: true, Now);

        var response = await HandleAsync(Report("E-2", ExecutionKind.CancelRejected, 0, 0m, reason: "too late"));

        response.ShouldBe(ApplyExecutionReportResponse.Applied);
        _order.Status.ShouldBe(OrderStatus.Placed);
        _order.History[^1].Reason.ShouldBe("cancel rejected: too late");
    }

    [Fact]
    public async Task A_report_time_without_a_zone_is_taken_as_UTC()
    {
        var unspecified = DateTime.SpecifyKind(TransactTime, DateTimeKind.Unspecified);

        await HandleAsync(Fill("E-1", 4, 100m) with { TransactTime = unspecified });

        var executedAt = _order.Executions.ShouldHaveSingleItem().ExecutedAt;
        executedAt.ShouldBe(TransactTime);
        executedAt.Kind.ShouldBe(DateTimeKind.Utc);
    }

    private async Task<ApplyExecutionReportResponse> HandleAsync(ExecutionReport report)
    {
        var result = await new ApplyExecutionReportCommandHandler(
            _orders, _inbox, new ExecutionReportMetrics(TestMeters.Factory), new FakeTimeProvider(Now), new RecordingLogger<ApplyExecutionReportCommandHandler>(_log))
            .Handle(new ApplyExecutionReportCommand(report), CancellationToken.None);
        result.IsSuccess.ShouldBeTrue();
        return result.Value;
    }

    private ExecutionReport Fill(string executionId, int quantity, decimal price) => Report(executionId, ExecutionKind.Fill, quantity, price, reason: null);

    private ExecutionReport Report(string executionId, ExecutionKind kind, int quantity, decimal price, string? reason) =>
        new("S-1", 1, executionId, _order.Id, "EX-1", kind, quantity, price, quantity, 10 - quantity, price, TransactTime, reason);
}
