using Orders.Infrastructure.Events;

namespace Orders.UnitTests.Infrastructure.Events;

public sealed class OrderEventSignalTests
{
    [Fact]
    public void A_commit_wakes_every_stream_that_took_the_signal_before_it_and_none_that_took_it_after()
    {
        var signal = new OrderEventSignal();
        var first = signal.NextCommit;
        var second = signal.NextCommit;

        signal.Notify();
        var later = signal.NextCommit;

        first.IsCompleted.ShouldBeTrue();
        second.IsCompleted.ShouldBeTrue();
        later.IsCompleted.ShouldBeFalse();
        signal.Notify();
        later.IsCompleted.ShouldBeTrue();
    }
}
