using Orders.Application.Orders.PlaceAtExchange;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Orders.PlaceAtExchange;

public sealed class PlacementRecordsPreparationTests
{
    [Fact]
    public async Task The_orders_a_batch_records_are_loaded_once_each_in_one_go()
    {
        var orders = new FakeOrderRepository();
        Guid placed = Guid.NewGuid(), failed = Guid.NewGuid();

        await new PlacementRecordsPreparation(orders).PrepareAsync(
            [new RecordPlacementCommand(placed, "EX-1"), new RecordPlacementFailureCommand(failed, "rejected"), new RecordPlacementCommand(placed, "EX-1"), new TestCommand("other", 1)],
            CancellationToken.None);

        orders.Loaded.ShouldBe([placed, failed], ignoreOrder: true);
    }

    [Fact]
    public async Task A_batch_without_placement_records_loads_nothing()
    {
        var orders = new FakeOrderRepository();

        await new PlacementRecordsPreparation(orders).PrepareAsync([new TestCommand("other", 1)], CancellationToken.None);

        orders.Loaded.ShouldBeEmpty();
    }
}
