using Orders.Application.Abstractions.Exchange;
using Orders.Application.Executions;
using Orders.Application.Executions.ReceiveExecutionReport;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Executions.ReceiveExecutionReport;

public sealed class ReceiveExecutionReportCommandHandlerTests
{
    private static readonly ExecutionReport Report = new(
        "S-1", 7, "E-1", Guid.NewGuid(), "EX-1", ExecutionKind.Fill, 4, 101.25m, 4, 6, 101.25m, new DateTime(2026, 3, 14, 13, 0, 0, DateTimeKind.Utc), null);

    private readonly FakeExecutionReportInbox _inbox = new();

    [Fact]
    public async Task A_new_report_is_stored_with_the_text_it_came_in()
    {
        var response = await HandleAsync(new ReceiveExecutionReportCommand(Report, "{\"execution_id\":\"E-1\"}"));

        response.ShouldBe(ReceiveExecutionReportResponse.Stored);
        _inbox.Stored.ShouldBe(new Dictionary<string, string> { ["E-1"] = "{\"execution_id\":\"E-1\"}" });
    }

    [Fact]
    public async Task A_report_stored_before_is_acknowledged_as_a_duplicate_and_stores_nothing()
    {
        await HandleAsync(new ReceiveExecutionReportCommand(Report, "first"));

        var response = await HandleAsync(new ReceiveExecutionReportCommand(Report, "again"));

        response.ShouldBe(ReceiveExecutionReportResponse.AlreadyHeld);
        _inbox.Stored.ShouldBe(new Dictionary<string, string> { ["E-1"] = "first" });
    }

    private async Task<ReceiveExecutionReportResponse> HandleAsync(ReceiveExecutionReportCommand command)
    {
        var result = await new ReceiveExecutionReportCommandHandler(_inbox, new ExecutionReportMetrics(TestMeters.Factory)).Handle(command, CancellationToken.None);
        result.IsSuccess.ShouldBeTrue();
        return result.Value;
    }
}
