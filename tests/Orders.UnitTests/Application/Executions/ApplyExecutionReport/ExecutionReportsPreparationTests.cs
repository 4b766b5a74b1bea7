using Orders.Application.Abstractions.Exchange;
using Orders.Application.Executions.ApplyExecutionReport;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Executions.ApplyExecutionReport;

public sealed class ExecutionReportsPreparationTests
{
    [Fact]
    public async Task The_orders_a_batch_of_reports_names_are_loaded_once_each_in_one_go()
    {
        var orders = new FakeOrderRepository();
        Guid first = Guid.NewGuid(), second = Guid.NewGuid();

        await new ExecutionReportsPreparation(orders).PrepareAsync(
            [Apply("E-1", first), Apply("E-2", second), Apply("E-3", first), new TestCommand("other", 1)],
            CancellationToken.None);

        orders.Loaded.ShouldBe([first, second], ignoreOrder: true);
    }

    [Fact]
    public async Task A_batch_without_reports_loads_nothing()
    {
        var orders = new FakeOrderRepository();

        await new ExecutionReportsPreparation(orders).PrepareAsync([new TestCommand("other", 1)], CancellationToken.None);

        orders.Loaded.ShouldBeEmpty();
    }

    private static ApplyExecutionReportCommand Apply(string executionId, Guid orderId) =>
        new(new ExecutionReport("S-1", 1, executionId, orderId, "EX-1", ExecutionKind.Fill, 1, 10m, 1, 0, 10m, DateTime.UtcNow, null));
}
