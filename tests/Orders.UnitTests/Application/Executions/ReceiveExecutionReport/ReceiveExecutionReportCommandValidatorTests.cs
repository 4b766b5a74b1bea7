using Orders.Application.Abstractions.Exchange;
using Orders.Application.Executions.ReceiveExecutionReport;

namespace Orders.UnitTests.Application.Executions.ReceiveExecutionReport;

public sealed class ReceiveExecutionReportCommandValidatorTests
{
    private static readonly ExecutionReport Fill = new(
        "S-1", 7, "E-1", Guid.Parse("0196a5f2-0000-7000-8000-000000000001"), "EX-1", ExecutionKind.Fill, 4, 101.25m, 4, 6, 101.25m,
        new DateTime(2026, 3, 14, 13, 0, 0, DateTimeKind.Utc), null);

    private readonly ReceiveExecutionReportCommandValidator _validator = new();

    [Fact]
    public void A_well_formed_fill_a_cancel_and_a_refused_cancel_are_valid()
    {
        Errors(Fill).ShouldBeEmpty();
        Errors(Fill with { Kind = ExecutionKind.Cancelled, LastQuantity = 0, LastPrice = 0 }).ShouldBeEmpty();
        Errors(Fill with { Kind = ExecutionKind.CancelRejected, LastQuantity = 0, LastPrice = 0, Reason = "too late" }).ShouldBeEmpty();
    }

    [Fact]
    public void Each_malformed_field_is_named_as_the_report_names_it()
    {
        Errors(Fill with { SessionId = "" }).ShouldBe(["SessionId: A session id is 1 to 128 characters"]);
        Errors(Fill with { Sequence = 0 }).ShouldBe(["Sequence: A sequence is a whole number greater than 0"]);
        Errors(Fill with { ExecutionId = new string('E', 129) }).ShouldBe(["ExecutionId: An execution id is 1 to 128 characters"]);
        Errors(Fill with { ClientOrderId = Guid.Empty }).ShouldBe(["ClientOrderId: A value is required"]);
        Errors(Fill with { ExchangeOrderId = " " }).ShouldBe(["ExchangeOrderId: An exchange order id is 1 to 128 characters"]);
        Errors(Fill with { Kind = (ExecutionKind)42 }).ShouldBe(["Kind: A kind is fill, cancelled or cancel_rejected"]);
        Errors(Fill with { CumulativeQuantity = -1 }).ShouldBe(["CumulativeQuantity: A quantity here is a whole number, 0 or more"]);
        Errors(Fill with { LeavesQuantity = -1 }).ShouldBe(["LeavesQuantity: A quantity here is a whole number, 0 or more"]);
    }

    [Fact]
    public void A_fill_needs_a_quantity_and_a_price_of_at_most_4_decimal_places()
    {
        Errors(Fill with { LastQuantity = 0 }).ShouldBe(["LastQuantity: A fill's quantity is a whole number greater than 0"]);
        Errors(Fill with { LastPrice = 1.00001m }).ShouldBe(["LastPrice: A fill's price is greater than 0 with at most 4 decimal places"]);
    }

    private string[] Errors(ExecutionReport report) =>
        [.. _validator.Validate(new ReceiveExecutionReportCommand(report, "{}")).Errors.Select(error => $"{error.PropertyName}: {error.ErrorMessage}")];
}
