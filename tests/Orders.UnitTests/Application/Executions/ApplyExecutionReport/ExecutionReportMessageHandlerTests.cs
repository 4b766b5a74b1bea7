using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Messaging;
using Orders.Application.Executions.ApplyExecutionReport;

namespace Orders.UnitTests.Application.Executions.ApplyExecutionReport;

public sealed class ExecutionReportMessageHandlerTests
{
    [Fact]
    public async Task A_received_report_is_done_with_its_application_to_the_order_as_the_follow_up()
    {
        var report = new ExecutionReport(
            "S-1", 7, "E-1", Guid.NewGuid(), "EX-1", ExecutionKind.Fill, 4, 101.25m, 4, 6, 101.25m, new DateTime(2026, 3, 14, 13, 0, 0, DateTimeKind.Utc), null);

        var outcome = await new ExecutionReportMessageHandler().HandleAsync(report, new MessageDelivery(1, TimeSpan.FromHours(1), IsFinal: false), CancellationToken.None);

        outcome.ShouldBeOfType<MessageOutcome.Completed>().FollowUp!.Command.ShouldBe(new ApplyExecutionReportCommand(report));
    }
}
